// SPDX-License-Identifier: Apache-2.0
import { announceApplication, anncXml, ensureGone } from "../../../lib/annc_xrem.js";

export const meta = {
    id: "TC_NSCL_ANN_011",
    title: "The announcing SCL updates what its announcement makes discoverable",
    purpose: "TP_NSCL_ANN_011",
    objective: "Check that an UPDATE of an <applicationAnnc> with new searchStrings and a later " +
        "expirationTime is answered STATUS_OK, and that a later RETRIEVE shows both while the link stays.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (announce: update of the announced resource)" },
        { document: "ETSI TS 102 921", clause: "<applicationAnnc> (applicationAnnc.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ANNOUNCE && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_ANNC_APP_ID", "PX_STEP_TIMEOUT_MS"],
};

let path;

export function preamble(ctx) {
    path = announceApplication(ctx, { expirationTime: ctx.dateTime(600) });
}

export function body(ctx) {
    const before = ctx.device.retrieve(path);
    ctx.expectStatus(before, "STATUS_OK");
    const until = ctx.dateTime(7200);
    const rsp = ctx.device.update(path, anncXml("applicationAnnc", { link: null, searchStrings: ["room-7", "floor-2"], expirationTime: until }));
    ctx.expectStatus(rsp, "STATUS_OK");
    const after = ctx.device.retrieve(path);
    ctx.expectStatus(after, "STATUS_OK");
    if (ctx.expectValid(after, "applicationAnnc")) {
        ctx.expectEqual(ctx.select(after.body, "searchStrings/searchString").join(" "), "room-7 floor-2",
            "the searchStrings of the UPDATE", after);
        ctx.expectTrue(ctx.select(after.body, "expirationTime")[0] > ctx.select(before.body, "expirationTime")[0],
            `expirationTime moved on to the UPDATE's (${ctx.select(after.body, "expirationTime")[0]})`, after);
        ctx.expectEqual(ctx.select(after.body, "link")[0], ctx.select(before.body, "link")[0], "the link is unchanged", after);
    }
}

export function postamble(ctx) {
    ensureGone(ctx, path);
}
