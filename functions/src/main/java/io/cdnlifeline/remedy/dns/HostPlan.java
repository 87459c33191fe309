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

    public List<RecordOp> ops() { return Collections.unmodifiableList(ops); }

    /** Why each line that needed work was not touched. */
    public List<String> leftAlone() { return Collections.unmodifiableList(leftAlone); }

    /** True when some op writes (not only UNCHANGED ones). */
    public boolean writes() {
        for (RecordOp op : ops) if (op.kind() != RecordOp.Kind.UNCHANGED) return true;
        return false;
    }
}
