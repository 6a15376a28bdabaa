package io.acqsim.core.rules;

import io.acqsim.codec.layout.FieldRef;
import io.acqsim.codec.layout.Layout;
import io.acqsim.codec.layout.MessageView;
import io.acqsim.codec.layout.SubLayout;

/**
 * One {@code match.field} condition of a rule: field or sub-field {@code ref} ({@code 41},
 * {@code 48.2}) equals {@code value} exactly. A sub-field is read from the request's composite
 * field only when the rule is tried; a request whose dialect does not declare the field composite,
 * or whose field does not follow the sub-layout, does not match.
 */
public record FieldMatch(FieldRef ref, String value) {
    public boolean matches(MessageView view) {
        if (!ref.isSub()) {
            return view.is(ref.field(), value);
        }
        SubLayout inner = view.layout().composite(ref.field());
        if (inner == null || !inner.defines(ref.sub())) {
            return false;
        }
        try {
            return value.equals(view.string(ref));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Null when {@code layout} defines the field or sub-field this condition reads; else why not. */
    public String problemIn(Layout layout) {
        return ref.problemIn(layout);
    }
}
