// SPDX-License-Identifier: Apache-2.0
import { ensureGone, execInstanceXml, freshCommand, runCommand } from "../../../lib/annc_xrem.js";

export const meta = {
    id: "TC_NSCL_REM_010",
    title: "A finished command's execStatus does not go back",
    purpose: "TP_NSCL_REM_010",
    objective: "Check that after an <execInstance> is FINISHED, an UPDATE back to STARTED is refused " +
        "(STATUS_CONFLICT with an errorInfo), an execStatus outside the schema's list is refused " +
        "(STATUS_BAD_REQUEST), and a RETRIEVE still shows FINISHED.",
    references: [
        { document: "ETSI TS 102 690", clause: "annex B (execInstance life cycle)" },
        { document: "ETSI TS 102 921", clause: "execInstance.xsd (ExecStatus)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_XREM && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_MGMT_CMD_ID", "PX_STEP_TIMEOUT_MS"],
};

let cmd;
let exec;

export function preamble(ctx) {
    cmd = freshCommand(ctx);
    exec = runCommand(ctx, cmd);
    ctx.expectStatus(ctx.device.update(exec, execInstanceXml({ execStatus: "FINISHED" })), "STATUS_OK");
}

export function body(ctx) {
    const back = ctx.device.update(exec, execInstanceXml({ execStatus: "STARTED" }));
    ctx.expectStatus(back, "STATUS_CONFLICT");
    ctx.expectValid(back, "errorInfo");
    const odd = ctx.device.update(exec, execInstanceXml({ execStatus: "HALF_DONE" }));
    ctx.expectStatus(odd, "STATUS_BAD_REQUEST");
    const read = ctx.device.retrieve(exec);
    ctx.expectStatus(read, "STATUS_OK");
    ctx.expectEqual(ctx.select(read.body, "execStatus")[0], "FINISHED", "execStatus stays FINISHED", read);
}

export function postamble(ctx) {
    ensureGone(ctx, cmd);
}
