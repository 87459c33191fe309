package io.cdnlifeline.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code lifeline resume}: every trigger {@code lifeline pause} switched off is switched on again and its description
 * put back; a trigger that was off before the pause stays off.
 */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Undo `lifeline pause`: switch on again every trigger the pause switched off",
                "(FC UpdateTrigger) and remove the pause record. A trigger that was off before",
                "the pause stays off."},
        footer = {"", "Examples:",
                "  lifeline resume",
                "  lifeline resume --endpoint http://127.0.0.1:8787",
                "", "Exit status: 0 running (or was not paused); 1 a trigger could not be",
                "switched (running again is safe); 2 bad usage; 4 FC could not be reached",
                "or refused the credentials."})
final class ResumeCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.ParentCommand Lifeline lifeline;

    @Mixin CloudOptions cloud;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        PrintWriter out = cmd.getOut();
        TriggerSwitching switching = TriggerSwitching.open(cmd, lifeline.env(), cloud, "resume");
        if (switching == null) return ExitStatus.FAILED;
        Automation before = switching.before;
        Automation.PauseRecord paused = before.paused();
        if (paused == null) {
            out.println("not paused: " + before.summary() + ".");
            return ExitStatus.DONE;
        }
        out.println("resuming the automation at " + before.fcEndpoint() + " (paused by " + paused.by + " since " + paused.since + ")");
        int failed = 0;
        for (Automation.Trigger t : before.triggers()) {
            if (t.paused == null) {
                switching.row(t, t.on ? "on" : t.switchable() ? "off before the pause: left off" : "left as it is");
            } else if (!switching.switchTrigger(t, t.resumeInput(), "off -> on", "off")) {
                failed++;
            }
        }
        out.println(Automation.read(switching.session.fc).summary() + ".");
        out.flush();
        if (failed > 0) {
            cmd.getErr().println("lifeline: resume: " + failed + " trigger(s) could not be switched on; running `lifeline resume` again is safe");
            return ExitStatus.FAILED;
        }
        return ExitStatus.DONE;
    }
}
