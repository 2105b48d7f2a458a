// SPDX-License-Identifier: Apache-2.0
import { ensureGone, freshDeviceInfo, mgmtObjXml } from "../../../lib/annc_xrem.js";

export const meta = {
    id: "TC_NSCL_REM_004",
    title: "An UPDATE of a management object changes the elements it names only",
    purpose: "TP_NSCL_REM_004",
    objective: "Check that an UPDATE of an etsiDeviceInfo <mgmtObj> giving a new model is answered " +
        "STATUS_OK, and that a later RETRIEVE shows the new model with manufacturer and deviceLabel kept " +
        "and lastModifiedTime moved on.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.2.3.27 (<mgmtObj>: update)" },
        { document: "ETSI TS 102 921", clause: "mgmtObj.xsd, etsiDeviceInfo.xsd" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_XREM && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_MGMT_OBJ_ID", "PX_STEP_TIMEOUT_MS"],
};

let path;

export function preamble(ctx) {
    path = freshDeviceInfo(ctx, "MB-4");
}

export function body(ctx) {
    const before = ctx.device.retrieve(path);
    ctx.expectStatus(before, "STATUS_OK");
    ctx.sleep(1100); // lastModifiedTime has a resolution of one second
    const rsp = ctx.device.update(path, mgmtObjXml({ parametersCollection: false, elements: [["model", "MB-4b"]] }));
    ctx.expectStatus(rsp, "STATUS_OK");
    const after = ctx.device.retrieve(path);
    ctx.expectStatus(after, "STATUS_OK");
    if (ctx.expectValid(after, "mgmtObj")) {
        ctx.expectEqual(ctx.select(after.body, "model")[0], "MB-4b", "the model of the UPDATE", after);
        ctx.expectEqual(ctx.select(after.body, "manufacturer")[0], "M2M Bench", "manufacturer kept", after);
        ctx.expectEqual(ctx.select(after.body, "deviceLabel")[0], "bench device", "deviceLabel kept", after);
        ctx.expectTrue(ctx.select(after.body, "lastModifiedTime")[0] > ctx.select(before.body, "lastModifiedTime")[0],
            "lastModifiedTime moved on with the UPDATE", after);
    }
}

export function postamble(ctx) {
    ensureGone(ctx, path);
}
