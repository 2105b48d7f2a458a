// SPDX-License-Identifier: Apache-2.0
import { attachedDeviceXml, deviceInfoXml, ensureGone, sclPaths } from "../../../lib/annc_xrem.js";
import { ensureRegistered } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_REM_013",
    title: "An attached device's management objects go with it",
    purpose: "TP_NSCL_REM_013",
    objective: "Check that an attached device holds management objects of its own (CREATE in its " +
        "mgmtObjs answered STATUS_CREATED), and that after it is removed and attached again its " +
        "mgmtObjs are empty: the old device's objects do not come back.",
    references: [
        { document: "ETSI TS 102 690", clause: "annex B (attachedDevice: mgmtObjs)" },
        { document: "ETSI TS 102 921", clause: "attachedDevice.xsd (mgmtObjsReference); mgmtObjs.xsd" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_XREM && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_ATTACHED_DEVICE_ID", "PX_MGMT_OBJ_ID", "PX_STEP_TIMEOUT_MS"],
};

let s;
let dev;

export function preamble(ctx) {
    s = sclPaths(ctx);
    dev = `${s.attachedDevices}/${ctx.pixit("PX_ATTACHED_DEVICE_ID")}`;
    ensureRegistered(ctx);
    ensureGone(ctx, dev);
    ctx.expectStatus(ctx.device.create(s.attachedDevices, attachedDeviceXml(ctx.pixit("PX_ATTACHED_DEVICE_ID"))), "STATUS_CREATED");
}

export function body(ctx) {
    const mo = ctx.device.create(`${dev}/mgmtObjs`, deviceInfoXml(ctx, "legacy-7"));
    ctx.expectStatus(mo, "STATUS_CREATED");
    ctx.expectValid(mo, "mgmtObj");
    ctx.expectStatus(ctx.device.retrieve(`${dev}/mgmtObjs/${ctx.pixit("PX_MGMT_OBJ_ID")}`), "STATUS_OK");
    ctx.expectStatus(ctx.device.remove(dev), "STATUS_OK");
    ctx.expectStatus(ctx.device.retrieve(dev), "STATUS_NOT_FOUND");
    ctx.expectStatus(ctx.device.create(s.attachedDevices, attachedDeviceXml(ctx.pixit("PX_ATTACHED_DEVICE_ID"))), "STATUS_CREATED");
    ctx.expectStatus(ctx.device.retrieve(`${dev}/mgmtObjs/${ctx.pixit("PX_MGMT_OBJ_ID")}`), "STATUS_NOT_FOUND");
}

export function postamble(ctx) {
    ensureGone(ctx, dev);
}
