// SPDX-License-Identifier: Apache-2.0
import { ensureGone, freshCommand, runCommand } from "../../../lib/annc_xrem.js";

export const meta = {
    id: "TC_NSCL_REM_014",
    title: "<execInstances> lists every run of a command; execEnable is not read",
    purpose: "TP_NSCL_REM_014",
    objective: "Check that after two runs of a <mgmtCmd>, a RETRIEVE of its execInstances is answered " +
        "STATUS_OK with a valid <execInstances> naming both; that a RETRIEVE of execEnable is answered " +
        "STATUS_METHOD_NOT_ALLOWED; and that a DELETE of one run leaves the other listed.",
    references: [
        { document: "ETSI TS 102 690", clause: "annex B (mgmtCmd, execInstances)" },
        { document: "ETSI TS 102 921", clause: "execInstances.xsd (execInstanceCollection)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_XREM && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_MGMT_CMD_ID", "PX_STEP_TIMEOUT_MS"],
};

let cmd;
let runs;

export function preamble(ctx) {
    cmd = freshCommand(ctx);
    runs = [runCommand(ctx, cmd), runCommand(ctx, cmd)];
}

export function body(ctx) {
    const all = ctx.device.retrieve(`${cmd}/execInstances`);
    ctx.expectStatus(all, "STATUS_OK");
    if (ctx.expectValid(all, "execInstances")) {
        const refs = ctx.select(all.body, "execInstanceCollection/namedReference") || [];
        ctx.expectTrue(runs.every((r) => refs.some((x) => x.endsWith(r))), `execInstanceCollection names both runs [${runs}]; got [${refs}]`, all);
    }
    ctx.expectStatus(ctx.device.retrieve(`${cmd}/execEnable`), "STATUS_METHOD_NOT_ALLOWED");
    ctx.expectStatus(ctx.device.remove(runs[0]), "STATUS_OK");
    const after = ctx.device.retrieve(`${cmd}/execInstances`);
    const left = ctx.select(after.body, "execInstanceCollection/namedReference") || [];
    ctx.expectTrue(left.length === 1 && left[0].endsWith(runs[1]), `only the second run is left; got [${left}]`, after);
}

export function postamble(ctx) {
    ensureGone(ctx, cmd);
}
