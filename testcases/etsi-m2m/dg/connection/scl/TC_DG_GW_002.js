// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, attachedDevices, dgPaths, namesOwnScl, waitHeld } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_GW_002",
    title: "A legacy device reachable through two gateways is reported by both",
    purpose: "TP_DG_GW_002",
    objective: "Check that when the same legacy device sits behind two gateways (the node under test and a " +
        "second gateway PX_DG_GW2_SCL_ID), each gateway reports it as an <attachedDevice> below its " +
        "own <scl>, each as its own SCL, so that the NSCL holds the device under both gateways.",
    references: [
        { document: TS102690, clause: "9.2.3.27 (xREM: attached devices of a gateway)" },
        { document: TS102921, clause: "<attachedDevice> (attachedDevice.xsd)" },
        { document: TS102690, clause: "5 (M2M gateway as network proxy)" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SCL_REGISTRATION && PICS_DG_GATEWAY",
    pixit: ["PX_DG_ATTACHED_DEVICES", "PX_DG_SC_SCL_ID", "PX_DG_GW2_SCL_ID", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const p = dgPaths(ctx);
    const dev = attachedDevices(ctx)[0];
    const second = ctx.pixit("PX_DG_GW2_SCL_ID");
    const other = `${p.scls}/${second}/attachedDevices`;
    const a = ctx.nscl.awaitRequest({ method: "CREATE", target: p.attachedDevices, trigger: "attach" });
    const b = ctx.nscl.awaitRequest({ method: "CREATE", target: other, trigger: "attach", node: 2 });
    ctx.expectTrue(namesOwnScl(ctx, a.requestingEntity), `the first gateway reports as itself ('${a.requestingEntity}')`, a);
    ctx.expectTrue(b.requestingEntity === second || String(b.requestingEntity).endsWith(`/scls/${second}`),
        `the second gateway reports as itself ('${b.requestingEntity}')`, b);
    ctx.expectValid(b, "attachedDevice");
    ctx.expectTrue(waitHeld(ctx, `${p.attachedDevices}/${dev}`), `${dev} is held below the first gateway`, a);
    ctx.expectTrue(waitHeld(ctx, `${other}/${dev}`), `${dev} is held below the second gateway`, b);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
