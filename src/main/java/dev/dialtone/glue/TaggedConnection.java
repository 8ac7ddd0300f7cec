package dev.dialtone.glue;

/**
 * The connection a tag operation names by {@code ResourceArn}: noted for the audit trail, authorized,
 * then read as {@code arn:aws:glue:<region>:<account>:connection/<name>}. The ARN's account is the
 * catalog; its region must be the one the request was made to, as every Glue call works in one region.
 */
final class TaggedConnection {

    private TaggedConnection() {
    }

    /** The ARN as given, checked against Glue's {@code GlueResourceArn} rule and noted for the audit trail. */
    static String arn(Members request, RequestContext context) {
        String arn = request.requiredString("ResourceArn", StringRule.GLUE_RESOURCE_ARN);
        context.audit().resource(arn);
        return arn;
    }

    /**
     * Requires {@code action} on the ARN and, as AWS does for tags on connections, {@code glue:GetConnection};
     * then reads which connection it names.
     */
    static Arns.ConnectionArn authorize(String arn, String action, RequestContext context) {
        Authorization.onTags(context, action, arn);
        Arns.ConnectionArn target = Arns.parseConnection(arn).orElseThrow(() -> GlueException.invalidInput(
                "ResourceArn '" + arn + "' is not a connection ARN; Dialtone tags connections, named "
                        + "arn:aws:glue:<region>:<account>:connection/<name>."));
        StringRule.NAME.check("The connection name in ResourceArn", target.name());
        String region = context.caller().region();
        if (!target.catalog().region().equals(region)) {
            throw GlueException.invalidInput("ResourceArn names a connection in " + target.catalog().region()
                    + ", but this request was made to " + region + "; send it to " + target.catalog().region() + ".");
        }
        return target;
    }

    static GlueException notFound(Arns.ConnectionArn target) {
        return Catalogs.notFound(target.name(), target.catalog());
    }
}
