package io.cdnlifeline.reliability;

import io.cdnlifeline.cloud.Cloud;
import io.cdnlifeline.remedy.MarkerLease;
import io.cdnlifeline.report.Report;
import io.cdnlifeline.testing.SandboxCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The markers of release v1 (the marker scheme of issue 8, as main wrote it on 2026-12-02), kept as test data:
 * {@code src/test/resources/fixtures/markers-v1/} holds, per remedy pair, the account before the remedy, the account a
 * finished remedy left, and the account as a run of either direction left it when it died right after each of its
 * writes (the mid-outage and mid-undo states an upgrade can meet). Today's code must read every one of them and end
 * exactly where the old release would have: the remedy completed from any forward state, and the undo back to exactly
 * the account before the remedy (record ids, values, TTLs, remarks, tags, coverage, status).
 *
 * <p>The fixtures were written by {@link #writeFixtures()} (run only with {@code -Dlifeline.fixtures.write=<dir>}) and
 * must not be rewritten by a later release: a new marker scheme reads them as an account the previous release left.
 */
class MarkersV1FixturesTest {
    static final String DIR = "/fixtures/markers-v1/";
    private static final Tally tally = new Tally();
    private static SandboxCloud sc;
    private static FleetRunner runner;
    private static Cloud cloud;

    @BeforeAll
    static void start() {
        sc = SandboxCloud.start(Fleet.seed());
        runner = new FleetRunner(sc, tally, 1);
        cloud = sc.cloud(() -> SandboxCloud.SANDBOX_KEYS, FaultSoakTest.SOAK_POLICY);
    }

    @AfterAll
    static void stop() {
        sc.close();
        MarkerLease.useClock(null);
        System.out.println(tally.summary("markers-v1 fixtures"));
    }

    /** One fixture: the pair, which direction was running, the file. */
    static final class Fixture {
        final RemedyPair pair;
        final boolean undo;
        final String file;

        Fixture(RemedyPair pair, boolean undo, String file) {
            this.pair = pair;
            this.undo = undo;
            this.file = file;
        }

        @Override
        public String toString() {
            return pair.name + "/" + file;
        }
    }

    static Stream<Fixture> fixtures() {
        Properties index = index();
        List<Fixture> out = new ArrayList<>();
        for (RemedyPair pair : RemedyPair.v1()) {
            int forward = Integer.parseInt(index.getProperty(pair.name + ".forwardWrites"));
            int undo = Integer.parseInt(index.getProperty(pair.name + ".undoWrites"));
            out.add(new Fixture(pair, false, "start.json"));
            for (int k = 1; k < forward; k++) out.add(new Fixture(pair, false, "forward-died-after-" + k + ".json"));
            out.add(new Fixture(pair, true, "remedied.json"));
            for (int k = 1; k < undo; k++) out.add(new Fixture(pair, true, "undo-died-after-" + k + ".json"));
        }
        return out.stream();
    }

    /**
     * Given the account as release v1 left it (a finished remedy, or a run of either direction that died after any
     * write), when today's code runs the direction that was under way to its end and then the undo, then the remedy's
     * end state is v1's and the undo's is exactly the account before the remedy.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void todaysCodeCompletesAndRestoresExactlyWhatV1Wrote(Fixture f) {
        Properties index = index();
        Instant written = Instant.ofEpochMilli(Long.parseLong(index.getProperty("writtenAtEpochMs")));
        // A few minutes after v1 wrote it: the markers are young, as in an upgrade in the middle of an outage.
        MarkerLease.useClock(Clock.fixed(written.plus(Duration.ofMinutes(3)), ZoneOffset.UTC));
        String start = read(f.pair.name + "/start.json");
        String where = "markers-v1 " + f;
        runner.restore(start);
        runner.resetSeededIds();
        runner.restore(read(f.pair.name + "/remedied.json"));
        AccountSnapshot remedied = runner.snapshot().withoutLockFlags();

        runner.restore(read(f.pair.name + "/" + f.file));
        if (!f.undo) {
            assertTrue(runner.converge(cloud, f.pair.forward, f.pair.forwardPayload(f.pair.domains, false), 3, where),
                    where + ": " + f.pair.forward + " did not complete");
            runner.invariants(false, where);
            // remedied.json was saved once the trouble was over (the undo's start): compare with the same recovery
            sc.sandbox().update(f.pair.recovery);
            AccountSnapshot actual = runner.snapshot().withoutLockFlags();
            assertEquals(List.of(), remedied.differences(actual), where + ": not the state v1's remedy ends in");
        }
        // The undo a few minutes later, after the dead runs' lock flags are stale.
        MarkerLease.useClock(Clock.fixed(written.plus(Duration.ofMinutes(6)), ZoneOffset.UTC));
        assertTrue(runner.converge(cloud, f.pair.undo, f.pair.undoPayload(f.pair.domains, false), 3, where),
                where + ": " + f.pair.undo + " did not complete");
        AccountSnapshot restored = runner.snapshot().withoutLockFlags();
        runner.invariants(true, where);
        runner.restore(start);
        sc.sandbox().update(f.pair.recovery);
        AccountSnapshot exactlyBefore = runner.snapshot();
        assertEquals(List.of(), exactlyBefore.differences(restored), where + ": the undo did not restore the account exactly");
        assertEquals(List.of(), tally.violations(), where + ": invariants");
        tally.runs.incrementAndGet();
    }

    /** The fixtures, written from the code of the release they describe: {@code -Dlifeline.fixtures.write=<dir>}. */
    @Test
    @EnabledIfSystemProperty(named = "lifeline.fixtures.write", matches = ".+")
    void writeFixtures() throws IOException {
        Path dir = Paths.get(System.getProperty("lifeline.fixtures.write"));
        Properties index = new Properties();
        index.setProperty("writtenAtEpochMs", Long.toString(System.currentTimeMillis()));
        for (RemedyPair pair : RemedyPair.v1()) {
            Path d = Files.createDirectories(dir.resolve(pair.name));
            runner.reset(pair.trouble);
            String start = sc.sandbox().stateJson();
            write(d.resolve("start.json"), start);
            int forward = writeDeaths(d, "forward", pair.forward, pair.forwardPayload(pair.domains, false), start);
            assertTrue(runner.converge(cloud, pair.forward, pair.forwardPayload(pair.domains, false), 1, "reference"));
            sc.sandbox().update(pair.recovery);
            String remedied = sc.sandbox().stateJson();
            write(d.resolve("remedied.json"), remedied);
            int undo = writeDeaths(d, "undo", pair.undo, pair.undoPayload(pair.domains, false), remedied);
            index.setProperty(pair.name + ".forwardWrites", Integer.toString(forward));
            index.setProperty(pair.name + ".undoWrites", Integer.toString(undo));
        }
        try (java.io.Writer w = Files.newBufferedWriter(dir.resolve("index.properties"), StandardCharsets.UTF_8)) {
            index.store(w, "markers-v1: written by MarkersV1FixturesTest.writeFixtures");
        }
    }

    /** The account after a run of {@code function} died right after its k-th write, for every k before its last. */
    private int writeDeaths(Path d, String direction, String function, String payload, String from) throws IOException {
        runner.restore(from);
        DyingCloud whole = new DyingCloud(cloud, Integer.MAX_VALUE);
        assertTrue(runner.converge(whole.cloud(), function, payload, 1, "reference " + function));
        int writes = whole.writes();
        for (int k = 1; k < writes; k++) {
            runner.restore(from);
            DyingCloud dying = new DyingCloud(cloud, k);
            try {
                runner.invoke(dying.cloud(), function, payload, direction + " " + k);
            } catch (DyingCloud.Died | IllegalStateException expectedDeath) {
                // its report is lost with it
            }
            write(d.resolve(direction + "-died-after-" + k + ".json"), sc.sandbox().stateJson());
        }
        runner.restore(from);
        return writes;
    }

    private static void write(Path p, String json) throws IOException {
        Files.write(p, json.getBytes(StandardCharsets.UTF_8));
    }

    static Properties index() {
        Properties p = new Properties();
        try (InputStream in = MarkersV1FixturesTest.class.getResourceAsStream(DIR + "index.properties")) {
            if (in == null) throw new IllegalStateException("no " + DIR + "index.properties on the test class path");
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static String read(String name) {
        try (InputStream in = MarkersV1FixturesTest.class.getResourceAsStream(DIR + name)) {
            if (in == null) throw new IllegalStateException("no fixture " + DIR + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
