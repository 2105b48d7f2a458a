// SPDX-License-Identifier: Apache-2.0
import { addInstance, ensureNoContainer, freshContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_FLT_006",
    title: "Filter criteria that do not parse are refused",
    purpose: "TP_NSCL_FLT_006",
    objective: "Check that a RETRIEVE of <contentInstances> with createdSince that is not an " +
        "xs:dateTime, or sizeFrom that is not a non-negative xs:int, or metaDataOnly that is not an " +
        "xs:boolean, is answered STATUS_BAD_REQUEST with a valid <errorInfo> each time.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management: retrieve with filter criteria)" },
        { document: "ETSI TS 102 921", clause: "contentInstances.xsd (types of the criteria); errorInfo.xsd" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_CONTAINERS && PICS_NSCL_FILTER_CRITERIA",
    pixit: ["PX_NSCL_BASE", "PX_STEP_TIMEOUT_MS"],
};

let c;

export function preamble(ctx) {
    c = freshContainer(ctx, { id: "m2mbench-flt006" });
    addInstance(ctx, c, "x");
}

export function body(ctx) {
    for (const q of ["createdSince=yesterday", "sizeFrom=-3", "sizeFrom=many", "metaDataOnly=perhaps"]) {
        const rsp = ctx.device.retrieve(`${c.instances}?${q}`);
        ctx.expectStatus(rsp, "STATUS_BAD_REQUEST");
        ctx.expectValid(rsp, "errorInfo");
    }
}

export function postamble(ctx) {
    ensureNoContainer(ctx, "m2mbench-flt006");
}
