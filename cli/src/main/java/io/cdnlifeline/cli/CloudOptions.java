package io.cdnlifeline.cli;

import picocli.CommandLine.Option;

/** Where the API calls go and as whom: shared by every command that runs a function. */
final class CloudOptions {
    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Send every API call of every product to this URL, e.g. a sandbox at http://127.0.0.1:8787. "
                    + "Default: env LIFELINE_ENDPOINT, else the real Alibaba Cloud endpoints.")
    String endpoint;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Credentials of this aliyun CLI profile (~/.aliyun/config.json). "
                    + "Default: ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / ALIBABA_CLOUD_SECURITY_TOKEN, then the current profile.")
    String profile;
}
