// The floor for `npm run bench`: a worker that reads the request body and
// answers 200, run by the same `wrangler dev`/workerd as Parley.
export default {
  async fetch(request: Request): Promise<Response> {
    await request.arrayBuffer();
    return Response.json({ received: true });
  },
};
