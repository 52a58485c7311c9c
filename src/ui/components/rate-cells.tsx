/**
 * Placeholders for the live request rate and success rate of a route or node; the inline
 * script fills them from live.json (`data-rate` = `route:{router}/{route}` or `node:{name}`).
 */
export function RateCells(props: { id: string }) {
  return (
    <>
      <td class="num" data-label="req/s" data-rate={props.id} data-field="rps">
        –
      </td>
      <td class="num" data-label="success" data-rate={props.id} data-field="success">
        –
      </td>
    </>
  );
}
