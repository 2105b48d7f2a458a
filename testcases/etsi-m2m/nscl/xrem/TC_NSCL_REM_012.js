// SPDX-License-Identifier: Apache-2.0
import { attachedDeviceXml, ensureGone, sclPaths } from "../../../lib/annc_xrem.js";
import { ensureRegistered } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_REM_012",
    title: "A gateway reports a legacy device attached to it",
    purpose: "TP_NSCL_REM_012",
    objective: "Check that a CREATE of an <attachedDevice> in a gateway's <scl>/attachedDevices is " +
        "answered STATUS_CREATED with a valid representation whose mgmtObjsReference is below the " +
        "device, and that <attachedDevices> names it.",
    references: [
        { document: "ETSI TS 102 690", clause: "5 (GREM: gateway as proxy for legacy devices); annex B (attachedDevices)" },
        { document: "ETSI TS 102 921", clause: "<attachedDevice>, <attachedDevices> (attachedDevice.xsd, attachedDevices.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_XREM && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_ATTACHED_DEVICE_ID", "PX_STEP_TIMEOUT_MS"],
};

let s;
let dev;

export function preamble(ctx) {
    s = sclPaths(ctx);
    dev = `${s.attachedDevices}/${ctx.pixit("PX_ATTACHED_DEVICE_ID")}`;
    ensureRegistered(ctx);
    ensureGone(ctx, dev);
}

export function body(ctx) {
    const rsp = ctx.device.create(s.attachedDevices, attachedDeviceXml(ctx.pixit("PX_ATTACHED_DEVICE_ID")));
    ctx.expectStatus(rsp, "STATUS_CREATED");
    if (ctx.expectValid(rsp, "attachedDevice")) {
        const mo = ctx.select(rsp.body, "mgmtObjsReference")[0] || "";
        ctx.expectTrue(mo.endsWith(`${dev}/mgmtObjs`), `mgmtObjsReference is below the device; got '${mo}'`, rsp);
    }
    const all = ctx.device.retrieve(s.attachedDevices);
    ctx.expectStatus(all, "STATUS_OK");
    if (ctx.expectValid(all, "attachedDevices")) {
        const ids = ctx.select(all.body, "attachedDeviceCollection/namedReference/@id") || [];
        ctx.expectTrue(ids.includes(ctx.pixit("PX_ATTACHED_DEVICE_ID")), `attachedDeviceCollection names the device; names [${ids}]`, all);
    }
    const scl = ctx.device.retrieve(s.scl);
    const ref = ctx.select(scl.body, "attachedDevicesReference")[0] || "";
    ctx.expectTrue(ref.endsWith(s.attachedDevices), `the <scl> references its attachedDevices; got '${ref}'`, scl);
}

export function postamble(ctx) {
    ensureGone(ctx, dev);
}
