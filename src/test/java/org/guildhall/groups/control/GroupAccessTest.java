package org.guildhall.groups.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.guildhall.groups.control.GroupAccess.Action;
import org.guildhall.groups.entity.Group;
import org.guildhall.groups.entity.JoinPolicy;
import org.guildhall.groups.entity.Role;
import org.guildhall.groups.entity.Visibility;
import org.guildhall.identity.entity.Caller;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The whole permission matrix: viewer × visibility × upload setting × action. */
class GroupAccessTest {

    static final Caller ANONYMOUS = Caller.ANONYMOUS;
    static final Caller ACCOUNT = new Caller(7L, "mia", false);
    static final Caller ADMIN = new Caller(1L, "admin", true);

    /** One row of the matrix: who, in what role, in which kind of group, may do what. */
    record Row(String viewer, Caller caller, Role role, Visibility visibility, boolean membersMayUpload,
               boolean read, boolean join, boolean upload, boolean post, boolean manage) {
    }

    static List<Row> matrix() {
        List<Row> rows = new ArrayList<>();
        for (boolean mayUpload : new boolean[]{false, true}) {
            //                 viewer           caller     role            visibility           upload     read   join   upload  post   manage
            rows.add(new Row("anonymous",       ANONYMOUS, null,           Visibility.PUBLIC,   mayUpload, true,  false, false,  false, false));
            rows.add(new Row("anonymous",       ANONYMOUS, null,           Visibility.MEMBERS,  mayUpload, false, false, false,  false, false));
            rows.add(new Row("non-member",      ACCOUNT,   null,           Visibility.PUBLIC,   mayUpload, true,  true,  false,  false, false));
            rows.add(new Row("non-member",      ACCOUNT,   null,           Visibility.MEMBERS,  mayUpload, false, false, false,  false, false));
            rows.add(new Row("member",          ACCOUNT,   Role.MEMBER,    Visibility.PUBLIC,   mayUpload, true,  false, mayUpload, false, false));
            rows.add(new Row("member",          ACCOUNT,   Role.MEMBER,    Visibility.MEMBERS,  mayUpload, true,  false, mayUpload, false, false));
            rows.add(new Row("committee",       ACCOUNT,   Role.COMMITTEE, Visibility.PUBLIC,   mayUpload, true,  false, true,   true,  true));
            rows.add(new Row("committee",       ACCOUNT,   Role.COMMITTEE, Visibility.MEMBERS,  mayUpload, true,  false, true,   true,  true));
            rows.add(new Row("administrator",   ADMIN,     null,           Visibility.PUBLIC,   mayUpload, true,  true,  true,   true,  true));
            rows.add(new Row("administrator",   ADMIN,     null,           Visibility.MEMBERS,  mayUpload, true,  true,  true,   true,  true));
        }
        return rows;
    }

    @TestFactory
    List<DynamicTest> everyViewerRoleVisibilityAndAction() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : matrix()) {
            Group group = new Group("g", "G", null, row.visibility(), JoinPolicy.OPEN);
            group.setMembersMayUpload(row.membersMayUpload());
            boolean[] expected = {row.read(), row.join(), row.upload(), row.post(), row.manage()};
            Action[] actions = {Action.READ, Action.JOIN, Action.UPLOAD, Action.POST, Action.MANAGE};
            for (int i = 0; i < actions.length; i++) {
                Action action = actions[i];
                boolean allowed = expected[i];
                String name = row.viewer() + " in a " + row.visibility() + " group"
                        + (row.membersMayUpload() ? " where members upload" : "") + ": " + action + " " + (allowed ? "allowed" : "refused");
                tests.add(DynamicTest.dynamicTest(name,
                        () -> assertEquals(allowed, GroupAccess.permits(action, row.caller(), group, row.role()), name)));
            }
        }
        return tests;
    }
}
