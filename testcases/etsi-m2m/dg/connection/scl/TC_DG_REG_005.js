// SPDX-License-Identifier: Apache-2.0
import { TS102690, TS102921, dgPaths, registrationFilter, waitRegistered } from "../../../../lib/dg.js";

export const meta = {
    id: "TC_DG_REG_005",
    title: "A STATUS_CREATED answer for another SCL does not count as a registration",
    purpose: "TP_DG_REG_005",
    objective: "Check that when the NSCL answers the registration with STATUS_CREATED and a valid <scl> " +
        "naming another sclId, the D/GSCL does not take itself as registered: it tries its " +
        "registration again and ends registered.",
    references: [
        { document: TS102690, clause: "9.3.2.6.2" },
        { document: TS102921, clause: "<scl> resource (scl.xsd)" },
    ],
    configuration: "CFG_DG",
    pics: "PICS_DG_SCL_REGISTRATION && PICS_DG_REG_RETRY",
    pixit: ["PX_DG_SC_SCL_ID", "PX_DG_SC_WAIT_MS"],
};

export function preamble(ctx) {
    ctx.nscl.reset();
}

export function body(ctx) {
    const p = dgPaths(ctx);
    ctx.nscl.answerNext({ method: "CREATE", target: p.scls, status: "STATUS_CREATED", location: `${p.scls}/not-${p.sclId}`,
        body: `<?xml version="1.0"?><m2m:scl xmlns:m2m="http://uri.etsi.org/m2m" sclId="not-${p.sclId}"><m2m:expirationTime>${ctx.dateTime(3600)}</m2m:expirationTime></m2m:scl>` });
    const first = ctx.nscl.awaitRequest(registrationFilter(ctx, { trigger: "register" }));
    ctx.expectTrue(first.scripted, "the bench answered with another SCL's <scl>", first);
    const next = ctx.nscl.awaitRequest({ since: first.n, target: p.scls, trigger: "none" });
    ctx.expectTrue((next.method === "CREATE" && next.root === "scl") || (next.method === "RETRIEVE" && next.target.endsWith(p.scl)),
        `the node's next request tries its registration again (${next.method} ${next.target})`, next);
    ctx.expectTrue(waitRegistered(ctx), "the node ends registered with the bench NSCL", next);
}

export function postamble(ctx) {
    ctx.nscl.reset();
}
