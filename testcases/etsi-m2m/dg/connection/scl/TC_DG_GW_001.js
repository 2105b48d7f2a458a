// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, attachedDevices, dgPaths, namesOwnScl, waitHeld } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_GW_001",
    title: "The gateway reports each legacy device behind it as an attachedDevice",
    purpose: "TP_DG_GW_001",
    objective: "Check that a gateway (case 2) reports every legacy device behind it (PX_DG_ATTACHED_DEVICES) " +
        "by CREATE of an <attachedDevice> valid against attachedDevice.xsd, m2m:id naming the device, " +
        "in <sclBase>/scls/<its SCL-ID>/attachedDevices, and that the NSCL then holds each of them.",
    references: [
        { document: TS102690, clause: "9.2.3.27 (xREM: attached devices of a gateway)" },
        { document: TS102921, clause: "<attachedDevice> (attachedDevice.xsd)" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SCL_REGISTRATION && PICS_DG_GATEWAY",
    pixit: ["PX_DG_ATTACHED_DEVICES", "PX_DG_SC_SCL_ID", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const p = dgPaths(ctx);
    const devices = attachedDevices(ctx);
    const since = ctx.nscl.mark();
    const first = ctx.nscl.awaitRequest({ method: "CREATE", target: p.attachedDevices, trigger: "attach" });
    for (const dev of devices) {
        ctx.expectTrue(waitHeld(ctx, `${p.attachedDevices}/${dev}`), `the NSCL holds the attached device ${dev}`, first);
    }
    const all = ctx.nscl.requests({ since, method: "CREATE", target: p.attachedDevices });
    const named = all.map((r) => (ctx.select(r.body, "@id") || [])[0]);
    ctx.expectEqual(JSON.stringify(named.slice().sort()), JSON.stringify(devices.slice().sort()),
        "one <attachedDevice> per legacy device", all[all.length - 1] || first);
    for (const r of all) {
        ctx.expectValid(r, "attachedDevice");
        ctx.expectTrue(namesOwnScl(ctx, r.requestingEntity), `requestingEntity '${r.requestingEntity}' is the gateway's SCL-ID`, r);
        ctx.expectEqual(r.status, "STATUS_CREATED", "the NSCL accepted it", r);
    }
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
