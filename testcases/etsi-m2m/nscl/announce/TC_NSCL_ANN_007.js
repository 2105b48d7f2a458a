// SPDX-License-Identifier: Apache-2.0
import { anncXml, sclPaths } from "../../../lib/annc_xrem.js";
import { ensureRegistered } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_ANN_007",
    title: "Announcements go below the <scl> of a registered SCL only",
    purpose: "TP_NSCL_ANN_007",
    objective: "Check that a <containerAnnc> sent to the containers of an SCL that is not registered is " +
        "answered STATUS_NOT_FOUND, and one sent to the <sclBase>'s own containers (not below any " +
        "<scl>) STATUS_BAD_REQUEST, each with an errorInfo.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (announce: the announced resource is created in the SCL announced to, below the announcing SCL)" },
        { document: "ETSI TS 102 921", clause: "<containerAnnc> (containerAnnc.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ANNOUNCE && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_SCL_POC", "PX_STEP_TIMEOUT_MS"],
};

export function preamble(ctx) {
    ensureRegistered(ctx);
}

export function body(ctx) {
    const s = sclPaths(ctx);
    const annc = anncXml("containerAnnc", { id: "m2mbench-stray", link: s.original("containers/readings") });
    const unknown = ctx.device.create(`${ctx.pixit("PX_NSCL_BASE")}/scls/m2mbench-unregistered-scl/containers`, annc);
    ctx.expectStatus(unknown, "STATUS_NOT_FOUND");
    ctx.expectValid(unknown, "errorInfo");
    const own = ctx.device.create(`${ctx.pixit("PX_NSCL_BASE")}/containers`, annc);
    ctx.expectStatus(own, "STATUS_BAD_REQUEST");
    ctx.expectValid(own, "errorInfo");
    ctx.expectStatus(ctx.device.retrieve(`${ctx.pixit("PX_NSCL_BASE")}/containers/m2mbench-stray`), "STATUS_NOT_FOUND");
}

export function postamble(ctx) {
    ctx.device.remove(`${ctx.pixit("PX_NSCL_BASE")}/containers/m2mbench-stray`);
}
