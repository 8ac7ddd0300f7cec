package dev.dialtone.cli;

import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How the commands that call a Dialtone server sign their requests: one pair of options, one meaning. */
final class SigningOptions {

    @Option(names = "--profile", description = "With a server: sign requests with this profile of the AWS config "
            + "files (default: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, else AWS_PROFILE or the default profile; "
            + "unsigned without any).")
    String profile;

    @Option(names = "--region", description = "With a server: the region requests are signed for, and so the "
            + "server's catalog (AWS_REGION; default us-east-1).")
    String region;

    /** Whether either option was given (they make sense only with a server). */
    boolean given() {
        return profile != null || region != null;
    }

    RequestSigner signer(Map<String, String> environment) {
        return RequestSigner.from(environment, Optional.ofNullable(profile), Optional.ofNullable(region));
    }
}
