// SPDX-License-Identifier: Apache-2.0
import { containerPaths, containerXml, ensureDeregistered, ensureRegistered, paths }
    from "../../../lib/mid.js";

export const meta = {
    id: "TC_NSCL_CNT_009",
    title: "A registered SCL's <containers> live and die with its <scl>",
    purpose: "TP_NSCL_CNT_009",
    objective: "Check that the <scl> of a registered D/GSCL references its own <containers>, that " +
        "a <container> can be created there, and that after deregistration the container is gone.",
    references: [
        { document: "ETSI TS 102 690", clause: "9.3.2 (container management; SCL deregistration)" },
        { document: "ETSI TS 102 921", clause: "<scl> containersReference (scl.xsd)" },
    ],
    configuration: "CFG_NSCL",
    pics: "PICS_NSCL_CONTAINERS && PICS_NSCL_SCL_DEREGISTRATION",
    pixit: ["PX_NSCL_BASE", "PX_SCL_ID", "PX_CONTAINER_ID", "PX_STEP_TIMEOUT_MS"],
};

export function preamble(ctx) {
    ensureDeregistered(ctx);
    ctx.expectStatus(ensureRegistered(ctx), "STATUS_CREATED");
}

export function body(ctx) {
    const p = paths(ctx);
    const scl = ctx.device.retrieve(p.scl);
    ctx.expectStatus(scl, "STATUS_OK");
    const refs = ctx.select(scl.body, "containersReference") || [];
    ctx.expectTrue(refs.length === 1 && refs[0].endsWith(`${p.scl}/containers`),
        `the <scl> references ${p.scl}/containers (got: ${refs.join(", ")})`, scl);
    const c = containerPaths(ctx, undefined, p.scl);
    const made = ctx.device.create(c.containers, containerXml({ id: c.id }));
    ctx.expectStatus(made, "STATUS_CREATED");
    ctx.expectStatus(ctx.device.retrieve(c.container), "STATUS_OK");
    ctx.expectStatus(ctx.device.remove(p.scl), "STATUS_OK");
    ctx.expectStatus(ctx.device.retrieve(c.container), "STATUS_NOT_FOUND");
}

export function postamble(ctx) {
    ensureDeregistered(ctx);
}
