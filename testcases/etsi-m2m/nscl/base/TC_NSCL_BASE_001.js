// SPDX-License-Identifier: Apache-2.0
import { paths } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_BASE_001",
    title: "The NSCL exposes its <sclBase> with a reference to <scls>",
    purpose: "TP_NSCL_BASE_001",
    objective: "Check that a RETRIEVE of the NSCL's <sclBase> answers STATUS_OK with a valid " +
        "representation whose sclsReference leads to a retrievable <scls> collection.",
    references: [
        { document: "ETSI TS 102 690", clause: "5.1.2" },
        { document: "ETSI TS 102 921", clause: "<sclBase> resource (sclBase.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_HTTP",
    pixit: ["PX_NSCL_BASE", "PX_STEP_TIMEOUT_MS"],
};

export function body(ctx) {
    const p = paths(ctx);
    const base = ctx.device.retrieve(p.base);
    ctx.expectStatus(base, "STATUS_OK");
    if (!ctx.expectValid(base, "sclBase")) {
        return;
    }
    const ref = ctx.select(base.body, "sclsReference")[0];
    if (ctx.expectTrue(ref !== undefined, "<sclBase> carries sclsReference", base)) {
        // The reference may be absolute; keep its path.
        const path = ref.replace(/^[a-z]+:\/\/[^/]+/i, "");
        const scls = ctx.device.retrieve(path);
        ctx.expectStatus(scls, "STATUS_OK");
        ctx.expectValid(scls, "scls");
    }
}
