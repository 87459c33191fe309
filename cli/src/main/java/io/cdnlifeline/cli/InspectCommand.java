package io.cdnlifeline.cli;

import io.cdnlifeline.event.Request;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lifeline inspect}: the read-only {@code inspect} function, shown as a table by default. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show, per domain, its product, status, coverage, ICP, account debt, DNS target and lifeline markers.",
                "Read-only: runs the inspect function's handler in this process."},
        footer = {"", "Examples:",
                "  lifeline inspect --endpoint http://127.0.0.1:8787",
                "  lifeline inspect www.example.com api.example.com --output json",
                "", ExitStatus.HELP})
final class InspectCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @CommandLine.ParentCommand Lifeline lifeline;

    @Parameters(paramLabel = "DOMAIN", arity = "0..*", description = "Domains to show (default: every domain in scope).")
    List<String> domains = new ArrayList<>();

    @Mixin CloudOptions cloud;

    @Mixin RunOptions run;

    @Option(names = "--output", paramLabel = "json|table", defaultValue = "table",
            description = "table (default): aligned columns; json: the Report JSON.")
    OutputFormat output;

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        // Built through Request so a malformed domain is refused here, with the parser's own message.
        String payload = domains.isEmpty() ? "" : Request.builder().domains(domains).build().toString();
        int status = LocalSession.of(cmd, lifeline, cloud, run).run("inspect", payload, new LocalSession.Overrides(), output);
        // NEXT says what the timers would do: while they are paused, say so (lifeline pause)
        if (status != ExitStatus.NO_ACCESS) FcSession.tell(cmd, lifeline.env(), cloud, "");
        return status;
    }
}
