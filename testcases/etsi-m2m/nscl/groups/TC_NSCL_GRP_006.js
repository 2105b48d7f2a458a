// SPDX-License-Identifier: Apache-2.0
import { M2M_NS, ensureNoGroup, groupPaths, groupXml } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_GRP_006",
    title: "The NSCL refuses invalid <group> representations",
    purpose: "TP_NSCL_GRP_006",
    objective: "Check that a CREATE of a <group> with a memberType outside MemberType, a " +
        "currentNrOfMembers (set by the NSCL), members that are not <reference> elements, an unknown " +
        "element, the wrong namespace, a negative maxNrOfMembers or malformed XML is answered " +
        "STATUS_BAD_REQUEST with a valid <errorInfo>, and that no <group> is created.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (group management: create)" },
        { document: "ETSI TS 102 921", clause: "group.xsd (MemberType, members, currentNrOfMembers)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_GROUPS",
    pixit: ["PX_NSCL_BASE", "PX_GROUP_ID", "PX_STEP_TIMEOUT_MS"],
};

let g;

export function preamble(ctx) {
    g = groupPaths(ctx);
    ensureNoGroup(ctx);
}

export function body(ctx) {
    const good = groupXml({ id: g.id, members: [] });
    const cases = [
        ["memberType DEVICE", groupXml({ id: g.id, memberType: "DEVICE" })],
        ["a currentNrOfMembers", groupXml({ id: g.id, currentNrOfMembers: 0 })],
        ["members as <item>", good.replace("<m2m:members></m2m:members>", "<m2m:members><m2m:item>/m2m</m2m:item></m2m:members>")],
        ["an unknown element", good.replace("</m2m:group>", "<m2m:leader>/m2m</m2m:leader></m2m:group>")],
        ["the wrong namespace", good.replace(`xmlns:m2m="${M2M_NS}"`, 'xmlns:m2m="http://uri.etsi.org/m2m/1.0"')],
        ["maxNrOfMembers -1", groupXml({ id: g.id, maxNrOfMembers: -1 })],
        ["malformed XML", good.replace("</m2m:group>", "</m2m:grop>")],
    ];
    for (const [what, xml] of cases) {
        ctx.log(`CREATE with ${what}`);
        const rsp = ctx.device.create(g.groups, xml);
        ctx.expectStatus(rsp, "STATUS_BAD_REQUEST");
        ctx.expectValid(rsp, "errorInfo");
    }
    ctx.expectStatus(ctx.device.retrieve(g.group), "STATUS_NOT_FOUND");
}

export function postamble(ctx) {
    ensureNoGroup(ctx);
}
