package io.cdnlifeline.accounts;

import io.cdnlifeline.cloud.CloudCredentials;
import io.cdnlifeline.cloud.CloudException;
import io.cdnlifeline.cloud.RoleApi;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Role tokens are kept until shortly before they expire, then asked for again. */
class RoleCredentialsTest {
    /** STS as a port: hands out numbered credentials lasting what was asked, and records the calls. */
    static final class CountingSts implements RoleApi {
        final List<String> calls = new ArrayList<>();
        final MutableClock clock;
        boolean refuse;

        CountingSts(MutableClock clock) {
            this.clock = clock;
        }

        @Override
        public AssumedRole assumeRole(String roleArn, String sessionName, int durationSeconds, String externalId) throws CloudException {
            calls.add(roleArn + " " + sessionName + " " + durationSeconds + " " + externalId);
            if (refuse) throw new CloudException("NoPermission", "You are not authorized", "r1", 403, false);
            return new AssumedRole(new CloudCredentials("STS.k" + calls.size(), "s", "t"), clock.instant().plusSeconds(durationSeconds), null);
        }
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-02T10:00:00Z");

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void tokensAreReusedUntilShortlyBeforeExpiryAndTheDurationCoversTheRun() {
        // given a run of 10 minutes: STS's 900 s floor
        MutableClock clock = new MutableClock();
        CountingSts sts = new CountingSts(clock);
        RoleSessions sessions = new RoleSessions(sts, "ext", clock);
        RoleCredentials c = sessions.of("acs:ram::2:role/r", "lifeline.x.timer", 600_000);
        // when asked many times within the lifetime
        CloudCredentials first = c.get();
        clock.now = clock.now.plus(Duration.ofSeconds(700));
        assertEquals(first, c.get());
        assertEquals(List.of("acs:ram::2:role/r lifeline.x.timer 900 ext"), sts.calls);
        // when within the margin (a fifth of 900 s) before expiry: asked again
        clock.now = clock.now.plus(Duration.ofSeconds(30));
        assertNotEquals(first, c.get());
        assertEquals(2, c.assumedCount());
        // and the same role and session is the same cache
        assertEquals(c, sessions.of("ACS:RAM::2:ROLE/R", "lifeline.x.timer", 600_000));
    }

    @Test
    void aLongRunAsksForAtMostTheDefaultMaximumAndARefusalIsTheCloudsAnswer() {
        MutableClock clock = new MutableClock();
        CountingSts sts = new CountingSts(clock);
        RoleCredentials c = new RoleSessions(sts, null, clock).of("acs:ram::2:role/r", "s1", 86_400_000);
        sts.refuse = true;
        CloudException e = assertThrows(CloudException.class, c::assume);
        assertEquals("NoPermission", e.code());
        assertEquals("acs:ram::2:role/r s1 3600 null", sts.calls.get(0));
        assertThrows(IllegalStateException.class, c::get);
    }
}
