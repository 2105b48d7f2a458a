// SPDX-License-Identifier: Apache-2.0
import { asEntity, containerPaths, ensureNoAccessRight, ensureNoContainer, freshAccessRight, freshContainer, ownerPermission }
    from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_ACR_014",
    title: "Permissions held by <all/>, by sclIDs and by domains",
    purpose: "TP_NSCL_ACR_014",
    objective: "Check the holder kinds other than holderRefs: READ held by <all/> is given to any " +
        "requestingEntity; WRITE held by an sclID is given to that SCL and refused to others; " +
        "DELETE held by a domain is given to an entity of that domain and refused to one of a " +
        "look-alike domain.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (access rights management: permission holders)" },
        { document: "ETSI TS 102 921", clause: "accessRight.xsd (all, sclIDs, domains)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_ACCESS_RIGHTS && PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_ACCESS_RIGHT_ID", "PX_OTHER_ENTITY", "PX_MID_BINDING", "PX_STEP_TIMEOUT_MS"],
};

let c;
let other;

export function preamble(ctx) {
    other = ctx.pixit("PX_OTHER_ENTITY");
    ensureNoContainer(ctx, "m2mbench-acr-014");
    const a = freshAccessRight(ctx, {
        permissions: [
            ownerPermission(ctx),
            { id: "anyone-reads", flags: ["READ"], holders: { all: true } },
            { id: "scl-writes", flags: ["WRITE"], holders: { sclIDs: [other] } },
            { id: "domain-deletes", flags: ["DELETE"], holders: { domains: ["lab.example.org"] } },
        ],
    });
    c = freshContainer(ctx, { id: "m2mbench-acr-014", accessRightID: a.accessRight });
}

export function body(ctx) {
    ctx.expectStatus(ctx.device.retrieve(c.container, asEntity(ctx, "someone-else")), "STATUS_OK");
    const update = "<?xml version=\"1.0\"?><m2m:container xmlns:m2m=\"http://uri.etsi.org/m2m\">" +
        `<m2m:accessRightID>${containerAccessRight(ctx)}</m2m:accessRightID></m2m:container>`;
    ctx.expectStatus(ctx.device.update(c.container, update, asEntity(ctx, "someone-else")),
        "STATUS_PERMISSION_DENIED");
    ctx.expectStatus(ctx.device.update(c.container, update, asEntity(ctx, other)), "STATUS_OK");
    ctx.expectStatus(ctx.device.remove(c.container, asEntity(ctx, "http://gw.lab.example.org.evil.net/m2m")),
        "STATUS_PERMISSION_DENIED");
    ctx.expectStatus(ctx.device.remove(c.container, asEntity(ctx, "http://gw1.lab.example.org/m2m")),
        "STATUS_OK");
    ctx.expectStatus(ctx.device.retrieve(containerPaths(ctx, "m2mbench-acr-014").container), "STATUS_NOT_FOUND");
}

function containerAccessRight(ctx) {
    return `${ctx.pixit("PX_NSCL_BASE")}/accessRights/${ctx.pixit("PX_ACCESS_RIGHT_ID")}`;
}

export function postamble(ctx) {
    ensureNoContainer(ctx, "m2mbench-acr-014");
    ensureNoAccessRight(ctx);
}
