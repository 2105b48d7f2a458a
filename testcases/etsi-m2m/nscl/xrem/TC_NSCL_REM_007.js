// SPDX-License-Identifier: Apache-2.0
import { ensureGone, mgmtCmdXml, sclPaths } from "../../../lib/annc_xrem.js";
import { ensureRegistered } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_REM_007",
    title: "The NSCL creates a management command",
    purpose: "TP_NSCL_REM_007",
    objective: "Check that a CREATE of a REBOOT <mgmtCmd> in an <scl>'s mgmtObjs is answered " +
        "STATUS_CREATED with a valid representation carrying its cmdType, an execEnable URI and an " +
        "execInstancesReference below the command; and that a cmdType outside the schema's list is " +
        "refused (STATUS_BAD_REQUEST).",
    references: [
        { document: "ETSI TS 102 690", clause: "annex B (mgmtCmd)" },
        { document: "ETSI TS 102 921", clause: "<mgmtCmd> (mgmtCmd.xsd: cmdType, execEnable, execInstancesReference)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_XREM && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_MGMT_CMD_ID", "PX_STEP_TIMEOUT_MS"],
};

let s;
let path;

export function preamble(ctx) {
    s = sclPaths(ctx);
    path = `${s.mgmtObjs}/${ctx.pixit("PX_MGMT_CMD_ID")}`;
    ensureRegistered(ctx);
    ensureGone(ctx, path);
    ensureGone(ctx, `${s.mgmtObjs}/m2mbench-bad-cmd`);
}

export function body(ctx) {
    const rsp = ctx.device.create(s.mgmtObjs, mgmtCmdXml({ id: ctx.pixit("PX_MGMT_CMD_ID"), description: "restart", cmdType: "REBOOT" }));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    if (ctx.expectValid(rsp, "mgmtCmd")) {
        ctx.expectEqual(ctx.select(rsp.body, "cmdType")[0], "REBOOT", "cmdType", rsp);
        const enable = ctx.select(rsp.body, "execEnable")[0] || "";
        const runs = ctx.select(rsp.body, "execInstancesReference")[0] || "";
        ctx.expectTrue(enable.startsWith(path) || enable.includes(path + "/"), `execEnable is a URI of the command; got '${enable}'`, rsp);
        ctx.expectTrue(runs.endsWith(`${path}/execInstances`), `execInstancesReference is below the command; got '${runs}'`, rsp);
    }
    const bad = ctx.device.create(s.mgmtObjs, mgmtCmdXml({ id: "m2mbench-bad-cmd", cmdType: "SELF_DESTRUCT" }));
    ctx.expectStatus(bad, "STATUS_BAD_REQUEST");
}

export function postamble(ctx) {
    ensureGone(ctx, path);
    ensureGone(ctx, `${s.mgmtObjs}/m2mbench-bad-cmd`);
}
