// SPDX-License-Identifier: Apache-2.0
import { ensureGone, mgmtObjXml, sclPaths } from "../../../lib/annc_xrem.js";
import { ensureRegistered } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_REM_006",
    title: "A management object that its schema does not allow is refused",
    purpose: "TP_NSCL_REM_006",
    objective: "Check that a <mgmtObj> of an xsi:type no schema defines, one without the mandatory " +
        "parametersCollection, and one giving its creationTime are each answered STATUS_BAD_REQUEST " +
        "with an errorInfo, and that none was created.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.2.3.27 (<mgmtObj>)" },
        { document: "ETSI TS 102 921", clause: "mgmtObj.xsd (parametersCollection is mandatory)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_XREM && PICS_NSCL_SCL_REGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_STEP_TIMEOUT_MS"],
};

let s;
const ids = ["m2mbench-bad-type", "m2mbench-bad-params", "m2mbench-bad-time"];

export function preamble(ctx) {
    s = sclPaths(ctx);
    ensureRegistered(ctx);
    ids.forEach((id) => ensureGone(ctx, `${s.mgmtObjs}/${id}`));
}

export function body(ctx) {
    const unknownType = ctx.device.create(s.mgmtObjs, mgmtObjXml({ id: ids[0], type: "EtsiNoSuchObject" }));
    ctx.expectStatus(unknownType, "STATUS_BAD_REQUEST");
    ctx.expectValid(unknownType, "errorInfo");
    const noParams = ctx.device.create(s.mgmtObjs, mgmtObjXml({ id: ids[1], type: "EtsiDeviceInfo", parametersCollection: false }));
    ctx.expectStatus(noParams, "STATUS_BAD_REQUEST");
    ctx.expectValid(noParams, "errorInfo");
    const timed = ctx.device.create(s.mgmtObjs, mgmtObjXml({ id: ids[2], parametersCollection: false }).replace(
        "</m2m:mgmtObj>", `<m2m:creationTime>${ctx.dateTime(-60)}</m2m:creationTime><m2m:parametersCollection/></m2m:mgmtObj>`));
    ctx.expectStatus(timed, "STATUS_BAD_REQUEST");
    ids.forEach((id) => ctx.expectStatus(ctx.device.retrieve(`${s.mgmtObjs}/${id}`), "STATUS_NOT_FOUND"));
}

export function postamble(ctx) {
    ids.forEach((id) => ensureGone(ctx, `${s.mgmtObjs}/${id}`));
}
