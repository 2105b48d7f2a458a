// SPDX-License-Identifier: Apache-2.0
import { ensureGone, freshCommand, freshDeviceInfo, sclPaths } from "../../../lib/annc_xrem.js";

export const meta = {
    id: "TC_NSCL_REM_003",
    title: "<mgmtObjs> lists management objects and commands apart",
    purpose: "TP_NSCL_REM_003",
    objective: "Check that a RETRIEVE of an <scl>'s mgmtObjs holding a <mgmtObj> and a <mgmtCmd> is " +
        "answered STATUS_OK with a valid <mgmtObjs> naming the object in mgmtObjCollection and the " +
        "command in mgmtCmdCollection, each only there.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.2.3.27; annex B (xREM resources)" },
        { document: "ETSI TS 102 921", clause: "<mgmtObjs> (mgmtObjs.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_XREM && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_MGMT_OBJ_ID", "PX_MGMT_CMD_ID", "PX_STEP_TIMEOUT_MS"],
};

let obj;
let cmd;

export function preamble(ctx) {
    obj = freshDeviceInfo(ctx, "MB-3");
    cmd = freshCommand(ctx);
}

export function body(ctx) {
    const rsp = ctx.device.retrieve(sclPaths(ctx).mgmtObjs);
    ctx.expectStatus(rsp, "STATUS_OK");
    if (ctx.expectValid(rsp, "mgmtObjs")) {
        const objs = ctx.select(rsp.body, "mgmtObjCollection/namedReference/@id") || [];
        const cmds = ctx.select(rsp.body, "mgmtCmdCollection/namedReference/@id") || [];
        const o = ctx.pixit("PX_MGMT_OBJ_ID");
        const c = ctx.pixit("PX_MGMT_CMD_ID");
        ctx.expectTrue(objs.includes(o) && !objs.includes(c), `mgmtObjCollection names ${o} only; names [${objs}]`, rsp);
        ctx.expectTrue(cmds.includes(c) && !cmds.includes(o), `mgmtCmdCollection names ${c} only; names [${cmds}]`, rsp);
    }
}

export function postamble(ctx) {
    ensureGone(ctx, obj);
    ensureGone(ctx, cmd);
}
