package io.cdnlifeline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

/**
 * {@code lifeline pause}: every timer and EventBridge trigger of the deployed lifeline functions switched off at once
 * through FC's own switch (UpdateTrigger), with who paused and since when written on each trigger. No redeploy,
 * nothing already changed is touched, and {@code lifeline invoke} still runs (with a warning).
 */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = {"Stop every automatic action now: switch off the timers and EventBridge",
                "triggers of the deployed functions (FC UpdateTrigger), recording who paused",
                "and since when on each trigger. Nothing already changed is touched; manual",
                "runs (lifeline invoke) still work. `lifeline resume` undoes it."},
        footer = {"", "Examples:",
                "  lifeline pause --reason 'incident 4711: hands off DNS'",
                "  lifeline pause --endpoint http://127.0.0.1:8787",
                "", "Exit status: 0 paused (or already paused); 1 a trigger could not be",
                "switched (running again is safe); 2 bad usage; 4 FC could not be reached",
                "or refused the credentials."})
final class PauseCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.ParentCommand Lifeline lifeline;

    @Mixin CloudOptions cloud;

    @Option(names = "--by", paramLabel = "NAME", description = "Who pauses, as recorded (default: the caller's ARN from STS).")
    String by;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, recorded beside who and since when.")
    String reason;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        PrintWriter out = cmd.getOut();
        TriggerSwitching switching = TriggerSwitching.open(cmd, lifeline.env(), cloud, "pause");
        if (switching == null) return ExitStatus.FAILED;
        Automation before = switching.before;
        Automation.PauseRecord record = new Automation.PauseRecord(switching.session.who(by), Instant.now().truncatedTo(ChronoUnit.SECONDS), reason);
        out.println("pausing the automation at " + before.fcEndpoint() + ": " + before.functions().size() + " functions, "
                + before.triggers().size() + " triggers");
        int switched = 0;
        int failed = 0;
        for (Automation.Trigger t : before.triggers()) {
            if (!t.switchable()) {
                switching.row(t, "left on: lifeline knows no switch of a " + t.type + " trigger");
            } else if (t.paused != null) {
                switching.row(t, "off (already paused by " + t.paused.by + " since " + t.paused.since + ")");
            } else if (!t.on) {
                switching.row(t, "off before the pause: left off, and resume leaves it off");
            } else if (switching.switchTrigger(t, t.pauseInput(record), "on -> off", "on")) {
                switched++;
            } else {
                failed++;
            }
        }
        out.flush();
        Automation after = Automation.read(switching.session.fc);
        out.println(after.summary() + ".");
        out.println("Nothing already changed was touched: domains stay as they are. Manual runs (lifeline invoke) still work.");
        out.flush();
        if (failed > 0) {
            cmd.getErr().println("lifeline: pause: " + failed + " trigger(s) could not be switched off (" + switched
                    + " were); running `lifeline pause` again is safe");
            return ExitStatus.FAILED;
        }
        return ExitStatus.DONE;
    }
}
