package io.cdnlifeline.remedy.dns;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a planner decided for one host: the record operations (in order within each line), and the
 * lines it left alone with the reason (a locked record, a record a person changed, ...).
 */
public final class HostPlan {
    private final List<RecordOp> ops = new ArrayList<>();
    private final List<String> leftAlone = new ArrayList<>();

    void add(RecordOp op) { ops.add(op); }

    void leaveAlone(String why) { leftAlone.add(why); }

    private boolean intentAdopted;
    private int keepsIntent;

    /** A record switched under the domain's intent tag is adopted (marked) by this plan. */
    void intentAdopted() { intentAdopted = true; }

    /** A line is left alone because of the intent tag (a switch in progress): the tag must stay. */
    void keepsIntent() { keepsIntent++; }

    /** The line that kept the tag is planned whole after all (its restore or adoption is in the ops). */
    void releasesIntent() { keepsIntent--; }

    public boolean adoptsUnderIntent() { return intentAdopted; }

    public boolean keepsIntentTag() { return keepsIntent > 0; }

    public List<RecordOp> ops() { return Collections.unmodifiableList(ops); }

    /** Why each line that needed work was not touched. */
    public List<String> leftAlone() { return Collections.unmodifiableList(leftAlone); }

    /** True when some op writes (not only UNCHANGED ones). */
    public boolean writes() {
        for (RecordOp op : ops) if (op.kind() != RecordOp.Kind.UNCHANGED) return true;
        return false;
    }
}
