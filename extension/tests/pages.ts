/** Pages shaped like Shop my wants: the sandbox's markup and discogs.com's (hashed classes). */

export function sandboxPage(prefix: string, page: number, pages: number, listings: [number, number][]): string {
  const rows = listings
    .map(
      ([listing, release]) => `
<tr class="shortcut_navigable" data-release-id="${String(release)}">
  <td><a href="${prefix}/release/${String(release)}-Artist-Title" class="thumbnail_link"><img src="/img/r.svg"></a></td>
  <td><strong><a href="${prefix}/sell/item/${String(listing)}" class="item_description_title">Artist - Title (LP)</a></strong>
    <a href="${prefix}/release/${String(release)}-Artist-Title" class="item_release_link">View Release Page</a></td>
  <td><a href="${prefix}/seller/shop/profile">shop</a><a href="${prefix}/sell/seller_feedback/shop">99.5%</a></td>
  <td><a href="${prefix}/sell/cart/?add=${String(listing)}" class="button">Add to Cart</a></td>
</tr>`,
    )
    .join("");
  const next = page < pages ? `<a class="pagination_next" href="${prefix}/sell/mywants?page=${String(page + 1)}&amp;limit=250">Next</a>` : "";
  const previous = page > 1 ? `<a class="pagination_previous" href="${prefix}/sell/mywants?page=${String(page - 1)}&amp;limit=250">Previous</a>` : "";
  return `<html><body>
<nav><a href="${prefix}/">Discogs</a><a href="${prefix}/sell/cart">Cart</a><a href="${prefix}/mywantlist">Wantlist</a></nav>
<div class="pagination">${previous}<a class="pagination_page" href="${prefix}/sell/mywants?page=1&amp;limit=250">1</a>${next}</div>
<table><tbody>${rows}</tbody></table>
<footer><a href="https://www.discogs.com/sell/item/999">elsewhere</a><a href="https://blog.example/release/5">blog</a></footer>
</body></html>`;
}

/** The same links as discogs.com renders them: absolute and relative, hashed class names. */
export const discogsComPage = `<html><body>
<div class="marketplace_box_7f3a1"><ul class="_list_x9k2">
  <li class="_row_a1b2"><a class="_title_zz91" href="/sell/item/3012345678">Nico - Chelsea Girl</a>
    <a class="_rel_qq" href="https://www.discogs.com/release/1096478-Nico-Chelsea-Girl">release</a>
    <a href="/sell/item/3012345678?ev=bp_titl">same listing</a></li>
  <li class="_row_a1b2"><a class="_title_zz91" href="https://www.discogs.com/sell/item/2998877665/">Can - Tago Mago</a>
    <a href="/master/4178-Can-Tago-Mago">master</a><a href="/sell/release/1004829">more copies</a></li>
</ul>
<nav class="_pager_88"><a href="/sell/mywants?page=1">1</a><a href="/sell/mywants?page=3">3</a><a href="/sell/mywants?page=2">2</a></nav>
</div></body></html>`;
