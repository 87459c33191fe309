package io.cdnlifeline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** Timer schedules as FC reads them: six fields, UTC unless CRON_TZ, or @every. */
class FcCronTest {
    private static final ZonedDateTime T0 = ZonedDateTime.parse("2026-12-02T07:03:10Z");

    private static String next(String cron, ZonedDateTime after) {
        return FcCron.parse(cron).next(after).toOffsetDateTime().toString();
    }

    @Test
    void theTemplatesSchedulesFireWhereTheyShould() {
        assertEquals("2026-12-02T07:05Z", next("0 */5 * * * *", T0));
        assertEquals("2026-12-02T07:07Z", next("0 2/5 * * * *", T0));
        assertEquals("2026-12-02T07:10Z", next("0 10/30 * * * *", T0));
        assertEquals("2026-12-02T07:20Z", next("0 20 * * * *", T0));
        assertEquals("2026-12-03T01:00Z", next("0 0 1 * * *", T0));
        assertEquals("2026-12-02T12:30Z", next("0 30 */6 * * *", T0));
    }

    @Test
    void timeZonesNamesAndEveryAreRead() {
        // 09:00 in Shanghai is 01:00 UTC
        assertEquals("2026-12-03T09:00+08:00", next("CRON_TZ=Asia/Shanghai 0 0 9 * * *", T0));
        assertEquals("2026-12-07T00:00Z", next("0 0 0 ? * MON", T0));
        assertEquals("2026-12-02T07:05Z", next("@every 5m", T0));
    }

    @Test
    void aFiveFieldCronAndBadFieldsAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FcCron.parse("*/5 * * * *")).getMessage().contains("has 5 fields"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FcCron.parse("0 61 * * * *")).getMessage().contains("outside 0-59"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FcCron.parse("0 x * * * *")).getMessage().contains("not a cron field"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FcCron.parse("@every 30s")).getMessage().contains("@every"));
    }
}
