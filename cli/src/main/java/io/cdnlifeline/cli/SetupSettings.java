package io.cdnlifeline.cli;

import java.util.Objects;

/**
 * What {@code lifeline setup} makes, and where: the account and region, the names (the template's defaults), the
 * policy documents, and for a member account the central account whose function role may assume the member role.
 */
final class SetupSettings {
    static final String DEFAULT_ROLE = "cdn-lifeline-fc";
    static final String DEFAULT_MEMBER_ROLE = "cdn-lifeline-member";
    static final String DEFAULT_BUS = "cdn-lifeline";
    static final String DEFAULT_LOGSTORE = "audit";
    /** The audit logstore's retention when none is asked: a month of changes to look back on. */
    static final int DEFAULT_LOG_TTL_DAYS = 30;
    /** Two shards: far more than one JSON line per change needs (a shard takes 5 MB/s), and room to split. */
    static final int DEFAULT_LOG_SHARDS = 2;

    final String accountId;
    final String region;
    final String roleName;
    final String policyName;
    final String busName;
    final String policyDocument;
    final String trustDocument;
    /** Where the documents came from, as the plan names them: {@code ram-policy.json} or the file given. */
    final String policySource;
    final String trustSource;
    /** Null in the central account; the central account's id in a member account. */
    final String memberOf;
    final String centralRole;
    final String externalId;
    /** The audit log's Log Service project and logstore, the logstore's retention (days) and shards. */
    final String logProject;
    final String logstore;
    final int logTtlDays;
    final int logShards;
    /** The watch's state bucket (template.yml's LIFELINE_STATE: {@code oss://cdn-lifeline-<account id>/lifeline}) and its prefix. */
    final String stateBucket;
    final String statePrefix;

    private SetupSettings(Builder b) {
        this.accountId = Objects.requireNonNull(b.accountId, "accountId");
        this.region = Objects.requireNonNull(b.region, "region");
        this.memberOf = b.memberOf;
        this.roleName = b.roleName != null ? b.roleName : b.memberOf != null ? DEFAULT_MEMBER_ROLE : DEFAULT_ROLE;
        this.policyName = b.policyName != null ? b.policyName : this.roleName;
        this.busName = b.busName != null ? b.busName : DEFAULT_BUS;
        this.policyDocument = Objects.requireNonNull(b.policyDocument, "policyDocument");
        this.policySource = b.policySource != null ? b.policySource : PolicyDocuments.POLICY;
        this.trustSource = b.memberOf != null ? "the member trust" : b.trustSource != null ? b.trustSource : PolicyDocuments.TRUST;
        this.centralRole = b.centralRole != null ? b.centralRole : DEFAULT_ROLE;
        this.externalId = b.externalId;
        this.logProject = b.logProject != null ? b.logProject : "cdn-lifeline-" + accountId;
        this.logstore = b.logstore != null ? b.logstore : DEFAULT_LOGSTORE;
        this.logTtlDays = b.logTtlDays != null ? b.logTtlDays : DEFAULT_LOG_TTL_DAYS;
        this.logShards = b.logShards != null ? b.logShards : DEFAULT_LOG_SHARDS;
        io.cdnlifeline.state.StateLocation state = b.stateLocation != null ? b.stateLocation
                : io.cdnlifeline.state.StateLocation.parse("oss://cdn-lifeline-" + accountId + "/lifeline");
        this.stateBucket = state.bucket();
        this.statePrefix = state.prefix();
        this.trustDocument = b.memberOf != null ? PolicyDocuments.memberTrust(b.memberOf, centralRole, externalId)
                : Objects.requireNonNull(b.trustDocument, "trustDocument");
    }

    boolean member() {
        return memberOf != null;
    }

    static Builder builder() {
        return new Builder();
    }

    static final class Builder {
        private String accountId;
        private String region;
        private String roleName;
        private String policyName;
        private String busName;
        private String policyDocument;
        private String trustDocument;
        private String policySource;
        private String trustSource;
        private String memberOf;
        private String centralRole;
        private String externalId;
        private String logProject;
        private String logstore;
        private Integer logTtlDays;
        private Integer logShards;
        private io.cdnlifeline.state.StateLocation stateLocation;

        Builder accountId(String v) { this.accountId = accountId(v, "the account id"); return this; }
        Builder region(String v) { this.region = v; return this; }
        Builder roleName(String v) { this.roleName = v; return this; }
        Builder policyName(String v) { this.policyName = v; return this; }
        Builder busName(String v) { this.busName = v; return this; }
        Builder policyDocument(String v) { this.policyDocument = v; return this; }
        Builder trustDocument(String v) { this.trustDocument = v; return this; }
        Builder policySource(String v) { this.policySource = v; return this; }
        Builder trustSource(String v) { this.trustSource = v; return this; }
        Builder memberOf(String v) { this.memberOf = v == null ? null : accountId(v, "--member-of"); return this; }
        Builder centralRole(String v) { this.centralRole = v; return this; }
        Builder logProject(String v) { this.logProject = v; return this; }
        Builder logstore(String v) { this.logstore = v; return this; }

        /**
         * LIFELINE_STATE as the template passes it to the functions; null for the template's default. A directory or
         * nothing (no bucket to make) is refused: the deployed functions need the bucket.
         */
        Builder state(String v) {
            if (v == null || v.isBlank()) return this;
            io.cdnlifeline.state.StateLocation l;
            try {
                l = io.cdnlifeline.state.StateLocation.parse(v);
            } catch (IllegalArgumentException e) {
                throw new SetupInputException(e.getMessage());
            }
            if (l.bucket() == null) {
                throw new SetupInputException("LIFELINE_STATE is '" + v + "', not an oss://<bucket>/<prefix>: the deployed watch keeps its state in"
                        + " OSS; unset it for the template's default");
            }
            this.stateLocation = l;
            return this;
        }

        /** Retention in days, 1-3650 (SLS's range; 3650 keeps the logs for good). */
        Builder logTtlDays(Integer v) {
            if (v != null && (v < 1 || v > 3650)) throw new SetupInputException("--log-ttl must be 1-3650 days; got " + v);
            this.logTtlDays = v;
            return this;
        }

        /** Shards at creation, 1-100. */
        Builder logShards(Integer v) {
            if (v != null && (v < 1 || v > 100)) throw new SetupInputException("--log-shards must be 1-100; got " + v);
            this.logShards = v;
            return this;
        }

        Builder externalId(String v) {
            if (v != null && !v.matches("[A-Za-z0-9=,.@:/_\\-]{2,1224}")) {
                throw new SetupInputException("--external-id must be 2-1224 letters, digits or =,.@:/-_; got '" + v + "'");
            }
            this.externalId = v;
            return this;
        }

        SetupSettings build() {
            if (externalId != null && memberOf == null) throw new SetupInputException("--external-id needs --member-of");
            if (logProject != null && !logProject.matches("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]")) {
                throw new SetupInputException("the log project must be 3-63 lowercase letters, digits or -, starting and ending with a"
                        + " letter or digit (Log Service's rule); got '" + logProject + "'");
            }
            if (logstore != null && !logstore.matches("[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]")) {
                throw new SetupInputException("the logstore must be 3-63 lowercase letters, digits, - or _, starting and ending with a"
                        + " letter or digit (Log Service's rule); got '" + logstore + "'");
            }
            if (memberOf != null && memberOf.equals(accountId)) {
                throw new SetupInputException("--member-of names this very account (" + accountId + "): run setup without it here");
            }
            return new SetupSettings(this);
        }

        private static String accountId(String v, String what) {
            if (v == null || !v.matches("[0-9]{6,20}")) throw new SetupInputException(what + " must be an Alibaba Cloud account id (digits); got '" + v + "'");
            return v;
        }
    }
}
