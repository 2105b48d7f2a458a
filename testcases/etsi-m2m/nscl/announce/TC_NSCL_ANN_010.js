// SPDX-License-Identifier: Apache-2.0
import { anncXml, ensureGone, sclPaths } from "../../../lib/annc_xrem.js";
import { ensureRegistered } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_ANN_010",
    title: "Groups and access rights are announced into their own collections",
    purpose: "TP_NSCL_ANN_010",
    objective: "Check that a <groupAnnc> in an <scl>'s groups and an <accessRightAnnc> in its accessRights " +
        "are each answered STATUS_CREATED with a valid representation and listed in groupAnncCollection " +
        "and accessRightAnncCollection, and that a <groupAnnc> sent to accessRights is refused " +
        "(STATUS_BAD_REQUEST).",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (announce)" },
        { document: "ETSI TS 102 921", clause: "<groupAnnc>, <accessRightAnnc>; groups.xsd, accessRights.xsd" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ANNOUNCE && PICS_NSCL_GROUPS && PICS_NSCL_ACCESS_RIGHTS && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_SCL_POC", "PX_STEP_TIMEOUT_MS"],
};

let s;

export function preamble(ctx) {
    s = sclPaths(ctx);
    ensureRegistered(ctx);
    ensureGone(ctx, `${s.groups}/m2mbench-annc-g`);
    ensureGone(ctx, `${s.accessRights}/m2mbench-annc-ar`);
}

export function body(ctx) {
    const g = ctx.device.create(s.groups, anncXml("groupAnnc", { id: "m2mbench-annc-g", link: s.original("groups/m2mbench-annc-g") }));
    ctx.expectStatus(g, "STATUS_CREATED");
    ctx.expectValid(g, "groupAnnc");
    const a = ctx.device.create(s.accessRights,
        anncXml("accessRightAnnc", { id: "m2mbench-annc-ar", link: s.original("accessRights/m2mbench-annc-ar") }));
    ctx.expectStatus(a, "STATUS_CREATED");
    ctx.expectValid(a, "accessRightAnnc");
    const wrong = ctx.device.create(s.accessRights, anncXml("groupAnnc", { id: "m2mbench-misplaced", link: s.original("groups/x") }));
    ctx.expectStatus(wrong, "STATUS_BAD_REQUEST");
    const groups = ctx.device.retrieve(s.groups);
    if (ctx.expectValid(groups, "groups")) {
        const ids = ctx.select(groups.body, "groupAnncCollection/namedReference/@id") || [];
        ctx.expectTrue(ids.includes("m2mbench-annc-g"), `groupAnncCollection names the announced group; names [${ids}]`, groups);
    }
    const rights = ctx.device.retrieve(s.accessRights);
    if (ctx.expectValid(rights, "accessRights")) {
        const ids = ctx.select(rights.body, "accessRightAnncCollection/namedReference/@id") || [];
        ctx.expectTrue(ids.includes("m2mbench-annc-ar"), `accessRightAnncCollection names the announced access right; names [${ids}]`, rights);
    }
}

export function postamble(ctx) {
    ensureGone(ctx, `${s.groups}/m2mbench-annc-g`);
    ensureGone(ctx, `${s.accessRights}/m2mbench-annc-ar`);
    ctx.device.remove(`${s.accessRights}/m2mbench-misplaced`);
}
