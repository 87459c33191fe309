package io.cdnlifeline.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The cloud API actions the function code calls, as RAM actions ({@code cdn:StopCdnDomain}), read from
 * the sources rather than kept in a second list: the ports ({@code cloud/*.java}) name every action
 * they map to in their javadoc ({@code {@code DescribeUserDomains}}); the SDK adapters
 * ({@code cloud/aliyun/*.java}) name them as SDK request classes ({@code StopCdnDomainRequest}) or as
 * the action string of a CommonRequest ({@code "DescribeUserCdnStatus"}).
 */
final class ApiActions {
    private static final String VERB = "(?:Describe|Stop|Start|BatchStop|BatchStart|Modify|Tag|Untag|UnTag|Check|Add|Update|Delete|Set|Get|List|Assume|Query)";
    private static final Pattern JAVADOC = Pattern.compile("\\{@code (" + VERB + "[A-Z][A-Za-z]*)\\}");
    private static final Pattern COMMON_REQUEST = Pattern.compile(
            "(?:setSysAction|setActionName|setSysActionName)\\s*\\(\\s*\"(" + VERB + "[A-Z][A-Za-z]*)\"");
    private static final Pattern ACTION_CONSTANT = Pattern.compile("\\bACTION\\w*\\s*=\\s*\"(" + VERB + "[A-Z][A-Za-z]*)\"");
    private static final Pattern REQUEST_CLASS = Pattern.compile("\\b(" + VERB + "[A-Z][A-Za-z]*)Request\\b");
    private static final Pattern SDK_IMPORT = Pattern.compile("com\\.aliyuncs\\.(cdn|dcdn|alidns)\\.model\\.\\w+\\.(" + VERB + "[A-Z][A-Za-z]*)Request\\b");

    private ApiActions() {
    }

    /** @param cloudPackage the folder of package {@code io.cdnlifeline.cloud} */
    static Set<String> usedBy(Path cloudPackage) throws IOException {
        Set<String> out = new TreeSet<>();
        for (Path port : javaFiles(cloudPackage)) scan(port, JAVADOC, out);
        Path adapters = cloudPackage.resolve("aliyun");
        if (Files.isDirectory(adapters)) {
            for (Path adapter : javaFiles(adapters)) {
                scan(adapter, COMMON_REQUEST, out);
                scan(adapter, ACTION_CONSTANT, out);
                scanSdkClasses(adapter, out);
            }
        }
        return out;
    }

    /**
     * The RAM service prefix of an action: DCDN actions carry Dcdn/DCdn, VOD ones Vod, Live ones Live, Alidns ones are about
     * domain records or zones.
     */
    static String ramAction(String action) {
        if (action.equals("AssumeRole") || action.equals("GetCallerIdentity")) return "sts:" + action;
        if (action.equals("ListAccounts")) return "resourcemanager:" + action;
        // BssOpenApi's RAM action for QueryAccountBalance is bss:DescribeAcccount, spelled so in its reference (api-examples/README.md section 6)
        if (action.equals("QueryAccountBalance")) return "bss:DescribeAcccount";
        if (action.contains("Dcdn") || action.contains("DCdn")) return "dcdn:" + action;
        if (action.contains("Vod")) return "vod:" + action;
        if (action.contains("Live")) return "live:" + action;
        if (action.contains("DomainRecord") || action.equals("DescribeDomains")) return "alidns:" + action;
        return "cdn:" + action;
    }

    private static void scan(Path file, Pattern p, Set<String> out) throws IOException {
        Matcher m = p.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) out.add(ramAction(m.group(1)));
    }

    /** SDK request classes: the product from their import where there is one, else from the name. */
    private static void scanSdkClasses(Path file, Set<String> out) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        java.util.Map<String, String> imported = new java.util.HashMap<>();
        Matcher i = SDK_IMPORT.matcher(text);
        while (i.find()) imported.put(i.group(2), i.group(1) + ":" + i.group(2));
        Matcher m = REQUEST_CLASS.matcher(text);
        while (m.find()) out.add(imported.getOrDefault(m.group(1), ramAction(m.group(1))));
    }

    private static Iterable<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.toString().endsWith(".java")).sorted().collect(java.util.stream.Collectors.toList());
        }
    }
}
