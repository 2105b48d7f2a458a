// SPDX-License-Identifier: Apache-2.0
import { ensureGone, execInstanceXml, freshCommand, runCommand } from "../../../lib/annc_xrem.js";

export const meta = {
    id: "TC_NSCL_REM_009",
    title: "The node reports a command's progress and result",
    purpose: "TP_NSCL_REM_009",
    objective: "Check that UPDATEs of an <execInstance> by the node, first to STARTED and then to " +
        "FINISHED with an execResult, are each answered STATUS_OK, and that a RETRIEVE then shows " +
        "FINISHED and the result items.",
    references: [
        { document: "ETSI TS 102 690", clause: "annex B (execInstance: execStatus, execResult)" },
        { document: "ETSI TS 102 921", clause: "execInstance.xsd" },
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
}

export function body(ctx) {
    ctx.expectStatus(ctx.device.update(exec, execInstanceXml({ execStatus: "STARTED" })), "STATUS_OK");
    ctx.expectStatus(ctx.device.update(exec, execInstanceXml({ execStatus: "FINISHED", results: [["uptime", "0"], ["reason", "rebooted"]] })), "STATUS_OK");
    const read = ctx.device.retrieve(exec);
    ctx.expectStatus(read, "STATUS_OK");
    if (ctx.expectValid(read, "execInstance")) {
        ctx.expectEqual(ctx.select(read.body, "execStatus")[0], "FINISHED", "execStatus after the node's report", read);
        ctx.expectEqual(ctx.select(read.body, "execResult/execResultItem/name").join(" "), "uptime reason",
            "the execResult items as reported", read);
    }
}

export function postamble(ctx) {
    ensureGone(ctx, cmd);
}
