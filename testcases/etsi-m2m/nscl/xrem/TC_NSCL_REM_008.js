// SPDX-License-Identifier: Apache-2.0
import { ensureGone, freshCommand } from "../../../lib/annc_xrem.js";

export const meta = {
    id: "TC_NSCL_REM_008",
    title: "Running a management command creates an execInstance",
    purpose: "TP_NSCL_REM_008",
    objective: "Check that an UPDATE of a <mgmtCmd>'s execEnable is answered STATUS_CREATED with the " +
        "Location of a new <execInstance> below the command's execInstances, valid and INITIATED, and " +
        "that the execInstance can be retrieved there.",
    references: [
        { document: "ETSI TS 102 690", clause: "annex B (mgmtCmd execution, execInstance)" },
        { document: "ETSI TS 102 921", clause: "<execInstance> (execInstance.xsd: execStatus)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_XREM && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_MGMT_CMD_ID", "PX_STEP_TIMEOUT_MS"],
};

let cmd;

export function preamble(ctx) {
    cmd = freshCommand(ctx);
}

export function body(ctx) {
    const rsp = ctx.device.update(`${cmd}/execEnable`, "");
    ctx.expectStatus(rsp, "STATUS_CREATED");
    let exec = "";
    if (ctx.expectHeader(rsp, "location")) {
        exec = String(rsp.location).replace(/^[a-z]+:\/\/[^/]*/, "");
        ctx.expectTrue(exec.startsWith(`${cmd}/execInstances/`), `Location is below ${cmd}/execInstances; got ${rsp.location}`, rsp);
    }
    if (ctx.expectValid(rsp, "execInstance")) {
        ctx.expectEqual(ctx.select(rsp.body, "execStatus")[0], "INITIATED", "execStatus of a new run", rsp);
    }
    if (exec) {
        const read = ctx.device.retrieve(exec);
        ctx.expectStatus(read, "STATUS_OK");
        ctx.expectValid(read, "execInstance");
    }
}

export function postamble(ctx) {
    ensureGone(ctx, cmd);
}
