// SPDX-License-Identifier: Apache-2.0
import {
    asEntity, discovered, discoveryPath, ensureNoAccessRight, ensureNoContainer, freshAccessRight, freshContainer,
    ownerPermission,
} from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_DIS_005",
    title: "Discovery lists only what the requester may DISCOVER",
    purpose: "TP_NSCL_DIS_005",
    objective: "Check that a container whose <accessRight> gives PX_OTHER_ENTITY READ but not DISCOVER " +
        "is left out of PX_OTHER_ENTITY's discovery (which still answers STATUS_OK with the open " +
        "container), while the bench's own discovery lists both.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (resource discovery)" },
        { document: "ETSI TS 102 921", clause: "<discovery> (discovery.xsd); filter criteria" },
        { document: "ETSI TS 102 921", clause: "accessRight.xsd (DISCOVER)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_DISCOVERY && PICS_NSCL_CONTAINERS && PICS_NSCL_ACCESS_RIGHTS",
    pixit: ["PX_NSCL_BASE", "PX_ACCESS_RIGHT_ID", "PX_OTHER_ENTITY", "PX_MID_BINDING", "PX_STEP_TIMEOUT_MS"],
};

let hidden;
let open;
let other;

export function preamble(ctx) {
    other = ctx.pixit("PX_OTHER_ENTITY");
    ["m2mbench-dis005-1", "m2mbench-dis005-2"].forEach((id) => ensureNoContainer(ctx, id));
    const a = freshAccessRight(ctx, {
        permissions: [ownerPermission(ctx), { id: "other", flags: ["READ"], holders: { holderRefs: [other] } }],
    });
    hidden = freshContainer(ctx, { id: "m2mbench-dis005-1", accessRightID: a.accessRight, searchStrings: ["m2mbench-dis-x"] });
    open = freshContainer(ctx, { id: "m2mbench-dis005-2", searchStrings: ["m2mbench-dis-x"] });
}

export function body(ctx) {
    const theirs = ctx.device.retrieve(discoveryPath(ctx, { searchString: ["m2mbench-dis-x"] }), asEntity(ctx, other));
    ctx.expectStatus(theirs, "STATUS_OK");
    if (ctx.expectValid(theirs, "discovery")) {
        ctx.expectEqual(discovered(ctx, theirs).join(" "), open.container,
            "PX_OTHER_ENTITY discovers the open container only", theirs);
    }
    const ours = ctx.device.retrieve(discoveryPath(ctx, { searchString: ["m2mbench-dis-x"] }));
    ctx.expectStatus(ours, "STATUS_OK");
    ctx.expectEqual(discovered(ctx, ours).sort().join(" "), [hidden.container, open.container].sort().join(" "),
        "the bench, holding DISCOVER, finds both", ours);
}

export function postamble(ctx) {
    ["m2mbench-dis005-1", "m2mbench-dis005-2"].forEach((id) => ensureNoContainer(ctx, id));
    ensureNoAccessRight(ctx);
}
