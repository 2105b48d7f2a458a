// SPDX-License-Identifier: Apache-2.0
import { anncXml, ensureGone, sclPaths } from "../../../lib/annc_xrem.js";
import { ensureRegistered } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_ANN_006",
    title: "An announcement without the link to its original is refused",
    purpose: "TP_NSCL_ANN_006",
    objective: "Check that a CREATE of an <applicationAnnc> and of a <containerAnnc> without <link> " +
        "(mandatory in their schemas) is answered STATUS_BAD_REQUEST with an errorInfo, and that nothing " +
        "was created.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (announce)" },
        { document: "ETSI TS 102 921", clause: "<applicationAnnc>, <containerAnnc> (link is mandatory)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ANNOUNCE && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_STEP_TIMEOUT_MS"],
};

let s;

export function preamble(ctx) {
    s = sclPaths(ctx);
    ensureRegistered(ctx);
    ensureGone(ctx, `${s.applications}/m2mbench-nolink`);
    ensureGone(ctx, `${s.containers}/m2mbench-nolink`);
}

export function body(ctx) {
    const app = ctx.device.create(s.applications, anncXml("applicationAnnc", { id: "m2mbench-nolink", link: null }));
    ctx.expectStatus(app, "STATUS_BAD_REQUEST");
    ctx.expectValid(app, "errorInfo");
    const cnt = ctx.device.create(s.containers, anncXml("containerAnnc", { id: "m2mbench-nolink", link: null }));
    ctx.expectStatus(cnt, "STATUS_BAD_REQUEST");
    ctx.expectValid(cnt, "errorInfo");
    ctx.expectStatus(ctx.device.retrieve(`${s.applications}/m2mbench-nolink`), "STATUS_NOT_FOUND");
    ctx.expectStatus(ctx.device.retrieve(`${s.containers}/m2mbench-nolink`), "STATUS_NOT_FOUND");
}

export function postamble(ctx) {
    ensureGone(ctx, `${s.applications}/m2mbench-nolink`);
    ensureGone(ctx, `${s.containers}/m2mbench-nolink`);
}
