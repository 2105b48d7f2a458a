// SPDX-License-Identifier: Apache-2.0
import { RFC7252, TS102921 } from "../../../lib/connection.js";

export const meta = {
    id: "TC_NSCL_CONN_008",
    title: "The NSCL answers a RETRIEVE of <sclBase> over CoAP with RequestingEntity in Uri-Query",
    purpose: "TP_NSCL_CONN_008",
    objective: "Check that the NSCL's CoAP binding answers GET of <sclBase> carrying " +
        "?RequestingEntity=<anyURI> with 2.05 Content, Content-Format application/xml (41) and a " +
        "valid <sclBase>.",
    references: [
        { document: TS102921, clause: "annex D (CoAP binding)" },
        { document: RFC7252, clause: "5.10.1" },
        { document: RFC7252, clause: "12.3" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_COAP",
    pixit: ["PX_NSCL_COAP_ADDRESS", "PX_NSCL_BASE", "PX_REQUESTING_ENTITY"],
};

export function body(ctx) {
    const rsp = ctx.device.retrieve(ctx.pixit("PX_NSCL_BASE"), { binding: "coap" });
    ctx.expectStatus(rsp, "STATUS_OK");
    ctx.expectEqual(rsp.coapCode, "2.05", "CoAP response code", rsp);
    ctx.expectEqual(rsp.contentType, "application/xml", "Content-Format 41", rsp);
    ctx.expectValid(rsp, "sclBase");
}
