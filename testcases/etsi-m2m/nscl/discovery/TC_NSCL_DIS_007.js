// SPDX-License-Identifier: Apache-2.0
import { discoveryPath } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_DIS_007",
    title: "The NSCL refuses malformed discovery criteria",
    purpose: "TP_NSCL_DIS_007",
    objective: "Check that a discovery with a negative or non-numeric maxSize, a createdAfter or " +
        "createdBefore that is not an xs:dateTime, or a searchPrefix outside the NSCL is answered " +
        "STATUS_BAD_REQUEST with a valid <errorInfo>, and that an UPDATE of discovery is " +
        "STATUS_METHOD_NOT_ALLOWED.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (resource discovery)" },
        { document: "ETSI TS 102 921", clause: "<discovery> (discovery.xsd); filter criteria" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_DISCOVERY",
    pixit: ["PX_NSCL_BASE", "PX_STEP_TIMEOUT_MS"],
};

export function body(ctx) {
    const cases = [
        { maxSize: -1 },
        { maxSize: "ten" },
        { createdAfter: "yesterday" },
        { createdBefore: "2026-13-45T99:00:00Z" },
        { searchPrefix: "http://elsewhere.example/other" },
    ];
    for (const criteria of cases) {
        ctx.log(`discovery with ${JSON.stringify(criteria)}`);
        const rsp = ctx.device.retrieve(discoveryPath(ctx, criteria));
        ctx.expectStatus(rsp, "STATUS_BAD_REQUEST");
        ctx.expectValid(rsp, "errorInfo");
    }
    const update = ctx.device.update(discoveryPath(ctx), '<?xml version="1.0"?><m2m:discovery xmlns:m2m="http://uri.etsi.org/m2m"/>');
    ctx.expectStatus(update, "STATUS_METHOD_NOT_ALLOWED");
}
