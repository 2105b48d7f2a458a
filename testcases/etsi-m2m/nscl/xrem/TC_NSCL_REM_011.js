// SPDX-License-Identifier: Apache-2.0
import { ensureGone, execInstanceXml, freshCommand, runCommand } from "../../../lib/annc_xrem.js";

export const meta = {
    id: "TC_NSCL_REM_011",
    title: "A running command is cancelled through execDisable",
    purpose: "TP_NSCL_REM_011",
    objective: "Check that an UPDATE of a running <execInstance>'s execDisable is answered STATUS_OK " +
        "with execStatus CANCELLING, and that execDisable of a FINISHED one is refused (STATUS_CONFLICT).",
    references: [
        { document: "ETSI TS 102 690", clause: "annex B (execInstance: execDisable)" },
        { document: "ETSI TS 102 921", clause: "execInstance.xsd (execDisable, ExecStatus CANCELLING)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_XREM && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_MGMT_CMD_ID", "PX_STEP_TIMEOUT_MS"],
};

let cmd;
let running;
let done;

export function preamble(ctx) {
    cmd = freshCommand(ctx);
    running = runCommand(ctx, cmd);
    done = runCommand(ctx, cmd);
    ctx.expectStatus(ctx.device.update(running, execInstanceXml({ execStatus: "STARTED" })), "STATUS_OK");
    ctx.expectStatus(ctx.device.update(done, execInstanceXml({ execStatus: "FINISHED" })), "STATUS_OK");
}

export function body(ctx) {
    const read = ctx.device.retrieve(running);
    const disable = String(ctx.select(read.body, "execDisable")[0] || `${running}/execDisable`).replace(/^[a-z]+:\/\/[^/]*/, "");
    const rsp = ctx.device.update(disable, "");
    ctx.expectStatus(rsp, "STATUS_OK");
    const after = ctx.device.retrieve(running);
    ctx.expectEqual(ctx.select(after.body, "execStatus")[0], "CANCELLING", "execStatus after execDisable", after);
    const late = ctx.device.update(`${done}/execDisable`, "");
    ctx.expectStatus(late, "STATUS_CONFLICT");
}

export function postamble(ctx) {
    ensureGone(ctx, cmd);
}
