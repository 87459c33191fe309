package io.cdnlifeline.report;

import com.google.gson.JsonObject;

import java.util.Objects;

/**
 * One change to one cloud resource, as the Report lists it. {@code resource} names it the way an
 * operator finds it, e.g. {@code alidns:example.com/www/default/CNAME} or {@code cdn:www.example.com/coverage}.
 * {@code before}/{@code after} are the resource's relevant fields, null for create/delete.
 */
public final class Change {
    private final String domain;
    private final String product;
    private final String resource;
    private final String action;
    private final JsonObject before;
    private final JsonObject after;
    private final ChangeStatus status;
    private final ChangeError error;
    private final String note;

    private Change(String domain, String product, String resource, String action, JsonObject before, JsonObject after,
                   ChangeStatus status, ChangeError error, String note) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.product = product;
        this.resource = Objects.requireNonNull(resource, "resource");
        this.action = Objects.requireNonNull(action, "action");
        this.before = before;
        this.after = after;
        this.status = Objects.requireNonNull(status, "status");
        this.error = error;
        this.note = note;
    }

    /** A change planned but not yet applied. */
    public static Change planned(String domain, String product, String resource, String action, JsonObject before, JsonObject after) {
        return new Change(domain, product, resource, action, before, after, ChangeStatus.PLANNED, null, null);
    }

    public Change with(ChangeStatus newStatus) {
        return new Change(domain, product, resource, action, before, after, newStatus, null, note);
    }

    public Change failed(ChangeError why) {
        return new Change(domain, product, resource, action, before, after, ChangeStatus.FAILED, Objects.requireNonNull(why), note);
    }

    public Change withNote(String text) {
        return new Change(domain, product, resource, action, before, after, status, error, text);
    }

    public String domain() { return domain; }
    public String product() { return product; }
    public String resource() { return resource; }
    /** {@code create}, {@code update}, {@code delete}, {@code tag}, {@code untag}, {@code stop}, {@code start}, {@code set-coverage}, ... */
    public String action() { return action; }
    public JsonObject before() { return before == null ? null : before.deepCopy(); }
    public JsonObject after() { return after == null ? null : after.deepCopy(); }
    public ChangeStatus status() { return status; }
    public ChangeError error() { return error; }
    /** Free text for the operator, e.g. why a change counts as unchanged. */
    public String note() { return note; }

    @Override
    public String toString() {
        return status.id() + " " + action + " " + resource + (error == null ? "" : " (" + error.code() + ")");
    }
}
