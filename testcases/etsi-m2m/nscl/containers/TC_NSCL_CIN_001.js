// SPDX-License-Identifier: Apache-2.0
import { base64, ensureNoContainer, freshContainer } from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_CIN_001",
    title: "The NSCL stores a content instance posted as raw content, byte for byte",
    purpose: "TP_NSCL_CIN_001",
    objective: "Check that a CREATE in <contentInstances> with a raw text/plain body is answered " +
        "STATUS_CREATED with a Location, and that a RETRIEVE of the new <contentInstance> gives " +
        "back the same bytes (content), their contentSize and their content type.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management: contentInstance create)" },
        { document: "ETSI TS 102 921", clause: "<contentInstance> (contentInstance.xsd); HTTP binding" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_CONTAINERS",
    pixit: ["PX_NSCL_BASE", "PX_CONTAINER_ID", "PX_STEP_TIMEOUT_MS"],
};

let c;

export function preamble(ctx) {
    c = freshContainer(ctx);
}

export function body(ctx) {
    const text = "temperature=21.5;unit=C";
    const made = ctx.device.create(c.instances, text, { contentType: "text/plain" });
    ctx.expectStatus(made, "STATUS_CREATED");
    if (!ctx.expectHeader(made, "location")) {
        return;
    }
    const href = made.location.replace(/^[a-z]+:\/\/[^/]+/, "");
    ctx.expectTrue(href.startsWith(`${c.instances}/`), `Location is below ${c.instances}: ${href}`, made);
    const got = ctx.device.retrieve(href);
    ctx.expectStatus(got, "STATUS_OK");
    if (ctx.expectValid(got, "contentInstance")) {
        ctx.expectEqual(ctx.select(got.body, "content")[0], base64(text),
            "content (base64) is the posted bytes", got);
        ctx.expectEqual(ctx.select(got.body, "contentSize")[0], String(text.length),
            "contentSize is the number of posted bytes", got);
        // CoAP carries text/plain as Content-Format 0, text/plain;charset=utf-8.
        const type = String((ctx.select(got.body, "contentTypes/contentType") || [])[0]);
        ctx.expectTrue(type.startsWith("text/plain"), `contentType is the posted text/plain (got ${type})`, got);
    }
}

export function postamble(ctx) {
    ensureNoContainer(ctx);
}
