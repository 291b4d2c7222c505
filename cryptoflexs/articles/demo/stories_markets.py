"""Story templates for market news: prices, flows, mining, derivatives, DeFi and NFT data.

The format is described in `phrases.py`. A kind may define numbered variants (`@headline.1`,
`@lead.1` …): one variant is picked per story and its headline, excerpt and lead are used
together, so a headline is never followed by another variant's lead."""

KINDS = {
    "price_move": """
@headline_up
{coin} climbs {pct}% as {driver}
{coin} price jumps to {price} as buyers return
{ticker} pushes toward {level} after a {pct}% rally
{coin} extends gains above {support} as {driver}
{coin} rallies {pct}% in {span_short}: traders eye {resistance} next
@headline_down
{coin} slides {pct}% as {driver}
{coin} price drops to {price} as sellers take control
{ticker} slips below {level} after a {pct}% drop
{coin} falls {pct}% in {span_short}: can {support} hold?
{coin} sheds {pct}% as {driver}
@excerpt_up
{coin_tk} gained {pct}% over {span} and now trades near {price}. Traders are watching
  {resistance} as the next hurdle.
Buyers pushed {coin} up {pct}% over {span}. Here is what drove the move and the levels that
  matter now.
@excerpt_down
{coin_tk} lost {pct}% over {span} and now trades near {price}. Traders are watching whether
  {support} holds.
Sellers pushed {coin} down {pct}% over {span}. Here is what drove the move and the levels
  that matter now.
@lead_up
{coin_tk}, {coin_blurb}, [rose|climbed|advanced] {pct}% over {span} to trade near {price}.
{coin} gained {pct}% over {span}, changing hands at about {price} at the time of writing.
Buyers were firmly in control of {coin} this week, lifting the price {pct}% to roughly
  {price}.
@lead_down
{coin_tk}, {coin_blurb}, [fell|slid|dropped] {pct}% over {span} to trade near {price}.
{coin} lost {pct}% over {span}, changing hands at about {price} at the time of writing.
Sellers had the upper hand in {coin} this week, pushing the price down {pct}% to roughly
  {price}.
@lead2
Market participants attributed the move largely to {reason}.
Most trading desks pointed to {reason} as the main driver.
The move followed {reason}, according to traders.
@detail_up
Trading volume rose alongside the price, with roughly {volume} worth of {ticker} changing
  hands across major venues.
The advance took {ticker} back above {support}, a level that had capped rebounds earlier in
  the month.
Funding rates on perpetual futures turned more positive, a sign that leveraged traders are
  leaning long again.
On-chain data showed fewer coins moving to exchanges, which usually means holders are in no
  hurry to sell.
Traders who had bet on further declines were forced to close their positions as the price
  rose, adding fuel to the move.
@detail_down
Trading volume rose as the price fell, with roughly {volume} worth of {ticker} changing hands
  across major venues.
The decline pushed {ticker} below {resistance}, a level that had served as support for much
  of the month.
Funding rates on perpetual futures cooled toward neutral as leveraged longs were forced out.
On-chain data showed a rise in coins moving to exchanges, often a sign that holders are
  preparing to sell.
Leveraged long positions were liquidated in large numbers during the sharpest part of the
  drop.
@detail
Order books on the largest exchanges looked thinner than usual, which helped exaggerate the
  swing.
The move was broad-based, with {coin} trading in step with most other large-cap tokens.
Options traders were paying up for protection in both directions, a sign that they expect
  further volatility.
@subhead_up
What is behind the rally
Buyers step back in
Key levels after the jump
@subhead_down
What is behind the drop
Sellers take charge
Key levels after the slide
@analysis
Analysts at {firm} said the next test for {ticker} lies at {resistance}, while {support} is
  the level buyers need to defend.
From a technical perspective, {coin} remains inside the range it has traded in for several
  weeks, and a clean break in either direction has yet to come.
The relative strength index on the daily chart sits in neutral territory, leaving room for
  the move to continue before the market looks stretched.
Long-term holders have barely reacted, according to on-chain data, suggesting that conviction
  among patient investors remains intact.
Some traders treat {level} as a psychological line in the sand; round numbers often attract
  clusters of orders.
@quote_up
The market has absorbed selling well. As long as {support} holds, I expect buyers to keep
  testing the upside.
We are seeing genuine spot demand rather than just leverage, which makes this move look
  healthier than the last one.
@quote_down
This looks like a reset of leverage more than a change in the bigger picture, but {support}
  has to hold.
Sellers are in control for now. I want to see volume dry up before calling a bottom.
@bullets_intro
The levels traders are watching:
@bullet
Price at the time of writing: {price}
Change over {span}: {sign}{pct}%
Nearest support: {support}
Nearest resistance: {resistance}
Round-number level: {level}
@detail
{coin} has traded in a wide band over recent months, and moves of this size have become common.
The largest holders, often called whales, were net {side} during the move, according to
  blockchain analytics firms.
Spot trading, rather than futures, accounted for a larger share of volume than usual, which
  some traders see as a sign of genuine demand.
@analysis
Short-term traders appear to be driving much of the action, while longer-term investors have
  largely held their positions.
A move back through {support} would, in the view of several analysts, put the recent range back
  in play.
""",
    "etf_flows": """
@headline_up
Spot {coin} ETFs record {flows} in net inflows
{coin} funds extend inflow streak to {flow_days} days
{fund} leads as {coin} ETF inflows reach {flows}
Investors pour {flows} into {coin} ETFs as price climbs
@headline_down
Spot {coin} ETFs see {flows} in net outflows
{coin} funds extend outflow streak to {flow_days} days
{coin} ETF outflows reach {flows} as investors pull back
Investors pull {flows} from {coin} ETFs as price slips
@excerpt_up
U.S.-listed spot {coin} exchange-traded funds took in {flows} on a net basis, their
  {flow_days}th straight day of inflows.
Demand for {coin} funds picked up again, with net inflows of {flows}. Issuers now hold
  {aum} in assets.
@excerpt_down
U.S.-listed spot {coin} exchange-traded funds saw {flows} of net outflows, their
  {flow_days}th straight day of redemptions.
Investors withdrew {flows} from {coin} funds. Issuers still hold {aum} in assets.
@lead_up
Spot {coin} exchange-traded funds listed in the United States recorded net inflows of
  {flows}, extending a streak that has now run for {flow_days} trading days.
Investors added {flows} to spot {coin} funds on a net basis, according to issuer data
  compiled by analysts, marking a {flow_days}-day run of inflows.
@lead_down
Spot {coin} exchange-traded funds listed in the United States recorded net outflows of
  {flows}, the {flow_days}th consecutive day of withdrawals.
Investors pulled {flows} from spot {coin} funds on a net basis, according to issuer data
  compiled by analysts, a {flow_days}-day run of outflows.
@lead2
The funds now hold a combined {aum} in assets.
{coin} itself traded near {price} at the time of writing.
The flows came as {coin} [moved|traded] {trend} over {span}.
@detail_up
The largest product, run by {fund}, accounted for the biggest share of the day's
  subscriptions.
Several smaller issuers also reported inflows after weeks of flat activity, a sign that
  demand was broad rather than concentrated.
Trading volume in the funds rose well above its monthly average.
Analysts noted that inflows tend to accelerate when the price is rising, as momentum-driven
  investors join in.
@detail_down
The largest product, run by {fund}, saw the biggest withdrawals, although it remains the
  leader by assets.
Outflows were spread across several issuers, suggesting a broad reduction in exposure rather
  than a switch between products.
Trading volume in the funds rose as investors rebalanced their positions.
Analysts noted that outflows often follow price weakness, as short-term holders cut risk.
@detail
Exchange-traded funds have become one of the main channels through which traditional
  investors buy {coin}, alongside direct purchases on exchanges.
Advisers and wealth managers have been slower to allocate than hedge funds, but their share
  of holdings has risen steadily, according to regulatory filings.
Part of the activity reflects basis trades, in which funds buy the ETF and sell futures to
  capture the difference, rather than outright bets on the price.
@subhead
What the flows say about demand
Who is buying, and who is selling
A closer look at the issuers
@analysis
Analysts at {firm} said daily flows are noisy and that weekly totals give a better picture of
  institutional demand.
The funds' combined holdings now represent a significant share of {coin}'s circulating
  supply, making them a force in the market.
Flows into funds have become a closely watched sentiment indicator, reported every evening by
  data providers and discussed widely on social media.
Fee competition among issuers has pushed costs down, making the products cheaper to hold than
  when they first launched.
@quote_up
Steady inflows tell you that allocators are treating {coin} as a portfolio asset, not a trade.
The inflows are coming from a broader base than a few months ago, which is encouraging.
@quote_down
A few days of outflows do not change the structural picture, but they do show that some
  holders are price-sensitive.
Much of this is rebalancing after a strong run. I would not read it as capitulation.
@bullets_intro
Fund flows at a glance:
@bullet
Net flows: {flows} ({flow_dir})
Streak: {flow_days} trading days
Total assets in spot funds: {aum}
{coin} price: {price}
@detail
Spot {coin} funds hold the underlying coins with regulated custodians rather than using
  derivatives.
Daily flow figures are published by issuers after the market close and compiled by data
  providers.
@analysis
Flows into funds listed outside the United States were smaller but pointed in the same
  direction, according to data providers.
""",
    "mining": """
@headline.1
Bitcoin hashrate hits record {hashrate} as miners add capacity
{miner} expands fleet as bitcoin hashrate climbs to {hashrate}
@excerpt.1
The computing power securing the Bitcoin network reached {hashrate} as miners switched on new
  machines.
Miners keep adding machines despite tighter margins. Here is what the latest network data
  shows.
@lead.1
The total computing power securing the Bitcoin network, known as hashrate, reached about
  {hashrate}, according to estimates from mining pools.
Bitcoin's hashrate climbed to a record of roughly {hashrate} this week as large operators
  brought new machines online.
@lead2.1
{miner} said it had added several thousand new-generation machines over the past quarter.
The increase reflects new facilities coming online in North America, the Middle East and
  Central Asia.
@headline.2
Bitcoin mining difficulty rises {difficulty}% at the latest adjustment
Bitcoin miners face thinner margins as difficulty rises {difficulty}%
@excerpt.2
Mining difficulty rose {difficulty}% at the latest adjustment, squeezing miners that run older
  machines.
Bitcoin just got harder to mine. Here is what the latest adjustment means for miners.
@lead.2
Bitcoin's mining difficulty rose {difficulty}% at its latest adjustment, which happens roughly
  every two weeks to keep blocks arriving about every ten minutes.
Mining bitcoin became {difficulty}% harder at the network's latest difficulty adjustment, the
  result of weeks of growing computing power.
@lead2.2
The increase followed weeks of rising hashrate, which now stands at about {hashrate}.
The change came as bitcoin traded near {price}.
@detail
Higher difficulty means each machine earns less bitcoin, so miners with older, less efficient
  hardware are under the most pressure.
Since the most recent halving cut the block reward to 3.125 BTC, transaction fees have become
  a more important part of miners' income.
Several listed miners have diversified into hosting computing capacity for artificial
  intelligence workloads, using their power contracts and data centers.
Energy costs remain the single biggest expense for miners, and many have signed long-term
  power agreements to protect their margins.
Some miners sell most of the bitcoin they produce each month to cover costs, while others keep
  a share on their balance sheets.
Mining pools, which combine the computing power of thousands of machines, now direct almost
  all of the network's hashrate.
Some operators have started to use waste heat from their machines to warm greenhouses and
  buildings.
@subhead
Margins under pressure
Inside the mining economy
Where the new machines are going
@analysis
Analysts at {firm} estimate that the most efficient operators can still mine profitably at
  current prices, while older fleets are close to break-even.
A rising hashrate is generally read as a sign of confidence: miners invest in equipment when
  they expect prices to support their returns.
Hashprice, the expected revenue per unit of computing power, sits near the lower end of its
  range for the past two years.
Consolidation in the industry is likely to continue as smaller operators look for buyers or
  partners.
More computing power also makes the network more expensive to attack, which supporters see as
  the real meaning of the record.
@quote
Efficiency is everything now. Operators who upgraded their fleets early are in a much stronger
  position than those who waited.
The network keeps getting more secure, and that is ultimately what the difficulty numbers
  tell you.
@bullets_intro
The network at a glance:
@bullet
Hashrate: about {hashrate}
Latest difficulty change: +{difficulty}%
Block reward: 3.125 BTC
Bitcoin price: {price}
""",
    "technical": """
@headline_up
{coin} price analysis: bulls target {resistance} after breakout
{ticker} technical outlook: a {pct}% bounce tests key resistance
{coin} price prediction: can {ticker} reclaim {level}?
{ticker} chart signals momentum shift as buyers defend {support}
@headline_down
{coin} price analysis: bears eye {support} after breakdown
{ticker} technical outlook: a {pct}% drop tests key support
{coin} price prediction: is {ticker} under {level} a discount?
{ticker} chart flashes warning as sellers push below {resistance}
@excerpt
{coin} trades near {price}. We look at the key levels, momentum indicators and what could
  happen next.
A technical look at {ticker}: support at {support}, resistance at {resistance}, and the
  signals in between.
@lead
{coin_tk} is trading near {price} after a {pct}% move over {span}, and its chart has reached a
  point that technical traders watch closely.
{coin} sits at {price}, between support near {support} and resistance around {resistance},
  leaving traders to decide which way the next move goes.
@lead2
The move has brought {ticker} close to its {ma}-day moving average, a widely watched trend
  indicator.
Trading volume has been {volume_word} during the move, according to exchange data.
@detail
The relative strength index on the daily chart reads {rsi}, suggesting momentum is {momentum}.
On the four-hour chart, {ticker} has formed a series of {swing}, a pattern traders read as
  {bias}.
Volume profile data shows a cluster of trading activity around {support}, which could act as
  a magnet if the price drifts lower.
The moving average convergence divergence indicator has crossed {macd}, a {bias} signal.
Open interest in {ticker} futures has climbed, meaning that new positions are being opened
  rather than closed.
@subhead
The key levels
Momentum indicators
Scenarios for the weeks ahead
@analysis
If {ticker} closes above {resistance}, the next target would be {target}, according to
  analysts at {firm}.
A break below {support} would weaken the setup and could open a move toward lower levels.
Chart patterns are probabilities, not promises, and news can override any technical setup.
Traders often combine chart levels with funding rates and on-chain flows to judge how strong
  a move is.
@quote
The chart is constructive as long as {support} holds. Below that, I would step aside.
Momentum is doing the talking. I want to see volume confirm the move.
@bullets_intro
Levels and indicators at a glance:
@bullet
Price: {price}
Support: {support}
Resistance: {resistance}
Daily RSI: {rsi}
{ma}-day moving average: being tested
@detail
Trading volume is often used to confirm a move: breakouts on rising volume are considered more
  reliable.
The {ma}-day moving average has acted as both support and resistance at different points this
  year.
Bollinger Bands, which measure volatility around an average, have {band_word}, a setup that
  often precedes a larger move.
@analysis
Some traders prefer to wait for a weekly close before acting on a breakout, to avoid false
  signals.
Shorter time frames show a more mixed picture, with buyers and sellers trading control several
  times a day.
""",
    "derivatives": """
@headline.1
{coin} options worth {options} expire Friday: max pain at {max_pain}
Traders brace for {options} {coin} options expiry
@excerpt.1
About {options} in {coin} options expire this week. Here is how positioning could affect the
  price.
A large {coin} options expiry is coming up, with the max pain price near {max_pain}.
@lead.1
About {options} worth of {coin} options are set to expire on Friday, with the so-called max
  pain price, where the most contracts expire worthless, sitting near {max_pain}.
Options on {coin} with a notional value of about {options} expire at the end of the week, one
  of the larger expiries of the quarter.
@lead2.1
The put-to-call ratio, which compares bearish and bullish bets, stood at {put_call}.
{ticker} traded near {price} ahead of the expiry.
@headline.2
{ticker} funding rates turn {funding_word} as traders {funding_verb}
{coin} perpetual funding flips {funding_word}: what it means for the price
@excerpt.2
Funding rates on {ticker} perpetual futures have turned {funding_word}. Here is what the shift
  says about positioning.
Derivatives traders are repositioning in {ticker}. Here is what the funding data shows.
@lead.2
Funding rates on {ticker} perpetual futures have turned {funding_word}, with the average across
  major exchanges at {funding} every eight hours.
The cost of holding leveraged {coin} positions has shifted: funding on perpetual futures is now
  {funding_word}, averaging {funding} per eight-hour period.
@lead2.2
{ticker} traded near {price} at the time of writing.
The shift came after {coin} moved {trend} over {span}.
@headline.3
{coin} futures open interest climbs to {oi}
Leverage builds in {coin} as futures open interest reaches {oi}
@excerpt.3
Open interest in {coin} futures has risen to {oi}. Here is why traders are watching leverage.
Traders are adding leverage in {ticker}. Here is what the derivatives data shows.
@lead.3
Open interest in {coin} futures has risen to {oi}, the highest level in weeks, as traders add
  leverage.
The value of outstanding {coin} futures contracts climbed to about {oi}, according to
  derivatives data providers.
@lead2.3
{ticker} traded near {price} at the time of writing.
Most of the increase came from perpetual futures on offshore exchanges.
@headline.4
Liquidations top {liquidations} as {coin} whipsaws traders
{coin} volatility wipes out {liquidations} in leveraged bets
@excerpt.4
More than {liquidations} in leveraged positions were closed as {coin} swung sharply. Here is
  what happened.
A sharp swing in {coin} forced out leveraged traders on both sides.
@lead.4
More than {liquidations} in leveraged positions were liquidated over {span} as {coin} swung
  between {support} and {resistance}.
A burst of volatility in {coin} forced the closure of more than {liquidations} in leveraged
  positions across major exchanges over {span}.
@lead2.4
Most of the liquidated positions were {liquidated_side}, according to data providers.
{ticker} traded near {price} once the dust settled.
@detail
Funding rates are payments between traders holding long and short perpetual positions; they
  keep the contract price close to the spot price.
Expiries sometimes pull prices toward levels where the most options expire worthless, although
  the effect is often overstated.
A rising open interest alongside a rising price is usually read as new money entering the
  market.
Liquidations happen when traders no longer have enough collateral to cover losses, and they
  can trigger chains of forced selling or buying.
Regulated futures venues in the United States have gained market share, reflecting demand
  from institutional traders.
Basis trades, in which funds buy spot and sell futures to capture the price gap, account for a
  large share of open interest.
@subhead
Reading the positioning
What the derivatives market says
Leverage in the system
@analysis
Analysts at {firm} said leverage has built up again, raising the risk of sharp moves in either
  direction.
Negative funding has often preceded short squeezes, as traders betting on declines are forced
  to buy back their positions.
Derivatives volumes now dwarf spot trading on most exchanges, giving leveraged traders an
  outsized influence on prices.
Implied volatility, a measure of how big a move options traders expect, has {iv_word} over the
  past week.
@quote
When everyone leans the same way, the market tends to punish them. Funding tells you which way
  they are leaning.
Options traders are paying for protection. That tells you they do not trust this range.
@bullets_intro
The derivatives snapshot:
@bullet
Options expiring this week: {options}
Max pain: {max_pain}
Put-to-call ratio: {put_call}
Futures open interest: {oi}
Average funding rate: {funding}
@detail
The ratio of open interest to market value has risen, a sign that leverage is growing faster than
  the market itself.
Options activity has been concentrated in contracts expiring within a month, reflecting
  short-term positioning.
@analysis
Data from derivatives exchanges shows that retail traders tend to use higher leverage than
  institutions.
""",
    "market_wrap": """
@headline_up
Crypto market value climbs to {mcap} as {driver}
Crypto market recap: {coin} leads gains as sentiment improves
Weekly crypto wrap: green across the board as {driver}
@headline_down
Crypto market value drops to {mcap} as {driver}
Crypto market recap: {coin} leads losses as sentiment sours
Weekly crypto wrap: a sea of red as {driver}
@excerpt_up
The total value of the crypto market rose to {mcap}. Here is what moved and what to watch.
Our weekly recap of the crypto market: gains led by {coin}, and the levels that matter now.
@excerpt_down
The total value of the crypto market fell to {mcap}. Here is what moved and what to watch.
Our weekly recap of the crypto market: losses led by {coin}, and the levels that matter now.
@lead_up
The crypto market gained ground this week, with the combined value of all digital assets
  rising to about {mcap}, led by a {pct}% gain in {coin}.
Digital assets rallied over {span}, lifting the total market value to roughly {mcap}.
@lead_down
The crypto market lost ground this week, with the combined value of all digital assets
  falling to about {mcap}, led by a {pct}% drop in {coin}.
Digital assets retreated over {span}, cutting the total market value to roughly {mcap}.
@lead2
Traders attributed the move to {reason}.
The move followed {reason}, according to market participants.
@detail
Bitcoin's dominance, its share of total market value, stood at {dominance}%.
Stablecoin supply grew to {stables}, a sign that capital remains in the ecosystem.
Trading volumes were above average on most major exchanges.
Among the largest tokens, performance varied widely, with some outperforming on
  project-specific news.
Activity on decentralized exchanges rose, reflecting demand from on-chain traders.
@subhead
What moved the market
Winners and laggards
The week ahead
@analysis
Analysts at {firm} said the market remains driven by a mix of macro news and crypto-specific
  flows.
Correlation between crypto and equities has risen in recent months, limiting the
  diversification benefit some investors hoped for.
The performance gap between the largest coins and smaller tokens is a useful gauge of risk
  appetite.
@quote
The market is trading headlines. Until there is a clear catalyst, expect choppy ranges.
Liquidity is what matters most right now, and liquidity has been improving.
@bullets_intro
The week in numbers:
@bullet
Total crypto market value: {mcap}
Bitcoin dominance: {dominance}%
{coin}: {sign}{pct}% over {span}
Stablecoin supply: {stables}
Fear and greed index: {fear} ({fear_label})
@detail
Exchange-traded funds tracking the largest tokens saw {flow_dir} over the week.
Activity on low-fee networks rose, driven by trading in smaller tokens.
@analysis
Some traders expect the market to remain range-bound until a new source of demand appears.
""",
    "memecoin": """
@headline_up
{coin} jumps {pct}% as meme coins catch a bid
Meme coin mania returns: {ticker} leads the charge with a {pct}% gain
{coin} surges {pct}% as social media buzz builds
@headline_down
{coin} tumbles {pct}% as meme coin traders head for the exits
Meme coins cool off: {ticker} drops {pct}% in {span_short}
{coin} slides {pct}% as speculative froth fades
@excerpt_up
{coin_tk} climbed {pct}% to about {price} as speculative interest in meme coins returned.
Meme coins are moving again, and {coin} is leading the way.
@excerpt_down
{coin_tk} fell {pct}% to about {price} as the latest meme coin rally faded.
Meme coins are losing steam, and {coin} is among the hardest hit.
@lead_up
{coin_tk}, {coin_blurb}, rose {pct}% over {span} to around {price}, outpacing most large
  cryptocurrencies.
Meme coins led the crypto market higher this week, with {coin} gaining {pct}% to trade near
  {price}.
@lead_down
{coin_tk}, {coin_blurb}, fell {pct}% over {span} to around {price}, underperforming most
  large cryptocurrencies.
Meme coins led the crypto market lower this week, with {coin} losing {pct}% to trade near
  {price}.
@lead2
Mentions of the token on social media rose sharply, according to data from analytics firms.
Trading volume jumped to about {volume}, well above its recent average.
@detail
Meme coins have no cash flows or fundamental value to anchor them, so their prices swing on
  attention and momentum.
Retail traders dominate activity in meme coins, and moves often start on social platforms
  before they show up on price charts.
Open interest in {ticker} futures climbed quickly, suggesting that leverage played a part.
Previous meme coin rallies have often reversed as quickly as they started.
A handful of large wallets hold a significant share of supply, which can make prices more
  fragile.
@subhead
Attention is the fundamental
Why traders chase meme coins
@analysis
Analysts at {firm} said meme coin rallies are often a sign of excess risk appetite late in a
  market upswing.
Some traders use meme coins as a barometer of retail enthusiasm: when they rally hard, new
  money is usually flowing in.
The sector's market value remains small compared with the largest cryptocurrencies but can
  change by billions within days.
@quote
Meme coins are pure sentiment. They go up on attention and down when the attention moves on.
Treat this like a casino chip, not an investment.
@detail
The token has no supply cap, with new coins created at a fixed rate each year.
Celebrity mentions on social media have triggered some of the token's largest moves in the past.
@analysis
Meme coins tend to move together, so a rally in one often spreads to others.
Analysts warn that meme coin rallies are among the riskiest trades in crypto.
""",
    "defi_tvl": """
@headline.1_up
DeFi total value locked climbs to {tvl} as {ticker} rallies
DeFi activity picks up: value locked rises {tvl_pct}% in a month
@headline.1_down
DeFi total value locked falls to {tvl} as prices retreat
DeFi activity cools: value locked drops {tvl_pct}% in a month
@excerpt.1_up
The value of assets deposited in DeFi protocols rose to {tvl}. Here is where the money is
  going.
Lending and trading protocols are busy again. Here is what the data shows.
@excerpt.1_down
The value of assets deposited in DeFi protocols fell to {tvl}. Here is where the money is
  leaving.
DeFi activity is cooling. Here is what the data shows.
@lead.1_up
The total value of assets locked in decentralized finance protocols has risen to about {tvl},
  up {tvl_pct}% over the past month, according to data aggregators.
Deposits across decentralized finance climbed {tvl_pct}% over the past month to roughly {tvl}.
@lead.1_down
The total value of assets locked in decentralized finance protocols has fallen to about {tvl},
  down {tvl_pct}% over the past month, according to data aggregators.
Deposits across decentralized finance dropped {tvl_pct}% over the past month to roughly {tvl}.
@lead2.1
Part of the change reflects the price of {coin}, which is widely used as collateral.
Lending protocols and liquid staking services account for the largest share of deposits.
@headline.2_up
{protocol} deposits jump {tvl_pct}% as lending demand returns
{protocol} draws new deposits as stablecoin yields rise
@headline.2_down
{protocol} sees withdrawals as DeFi yields compress
{protocol} deposits slip {tvl_pct}% as borrowing demand fades
@excerpt.2
Deposits in {protocol}, a decentralized lending protocol, moved {tvl_pct}% in a month. Here is
  what is driving the change.
Borrowing demand is shifting on {protocol}. Here is what the numbers show.
@lead.2_up
Deposits in {protocol}, a decentralized lending protocol, have climbed {tvl_pct}% over the past
  month as demand to borrow stablecoins picked up.
@lead.2_down
Deposits in {protocol}, a decentralized lending protocol, have fallen {tvl_pct}% over the past
  month as borrowing demand eased.
@lead2.2
The protocol runs on {network} and accepts {coin} among its main forms of collateral.
Its governance token, {ptoken}, [moved|traded] {trend} over the same period.
@detail
Total value locked measures the assets deposited in smart contracts, and it rises and falls
  with token prices as well as with new deposits.
Borrowing rates for stablecoins on lending protocols have {rate_word}, reaching about {apr} a
  year.
Decentralized exchanges handled about {volume} in trading volume over the past week.
Protocols that share revenue with token holders have attracted more attention from investors.
Real-world assets such as tokenized government bonds have become a growing source of
  collateral.
Liquid staking tokens are among the most popular forms of collateral, letting users earn
  staking rewards while they borrow.
@subhead
Where the capital is going
Yields and borrowing demand
@analysis
Analysts at {firm} said DeFi activity tends to follow the broader market, but with larger
  swings.
Value locked can be misleading because the same assets are sometimes counted more than once as
  they move between protocols.
Fees generated by protocols are increasingly seen as a better measure of real usage.
Borrowing demand is closely tied to leverage: when traders want exposure, they borrow
  stablecoins against their crypto.
@quote
Borrowing demand is the heartbeat of DeFi. When traders want leverage, rates go up.
The growth of tokenized treasuries in DeFi is one of the most important trends of the year.
@bullets_intro
DeFi at a glance:
@bullet
Total value locked: {tvl}
Monthly change: {sign}{tvl_pct}%
Stablecoin borrowing rate: about {apr}
Weekly decentralized exchange volume: {volume}
@detail
Ethereum still hosts the largest share of DeFi deposits, although other networks have gained
  ground.
Lending protocols adjust interest rates automatically based on how much of their deposits are
  borrowed.
@analysis
Analysts note that DeFi yields have converged with traditional rates as the market matures.
""",
    "nft_market": """
@headline.1_up
NFT sales rebound to {nft_sales} as blue-chip collections rally
NFT trading volume climbs {pct}% in a week
@headline.1_down
NFT sales slide to {nft_sales} as collectors pull back
NFT trading volume falls {pct}% in a week
@excerpt.1_up
NFT sales reached {nft_sales} over the past week as collectors returned to established
  collections.
The NFT market is showing signs of life. Here is what the sales data shows.
@excerpt.1_down
NFT sales fell to {nft_sales} over the past week as collectors turned cautious.
The NFT market is cooling again. Here is what the sales data shows.
@lead.1_up
Sales of non-fungible tokens rose to about {nft_sales} over the past week, according to
  marketplace data, as collectors returned to established collections.
@lead.1_down
Sales of non-fungible tokens fell to about {nft_sales} over the past week, according to
  marketplace data, as collectors turned cautious.
@lead2.1
Most of the volume was traded on {marketplace}, which has cut its fees to attract users.
{collection} was among the most traded collections.
@headline.2_up
{collection} floor price jumps to {floor} as NFT buyers return
@headline.2_down
{collection} floor price drops to {floor} as NFT demand cools
@excerpt.2_up
The cheapest {collection} item now costs {floor}, as buyers return to the collection.
@excerpt.2_down
The cheapest {collection} item now costs {floor}, as demand for the collection cools.
@lead.2_up
The floor price of {collection}, the lowest price at which an item in the collection is
  listed, has risen to {floor}.
@lead.2_down
The floor price of {collection}, the lowest price at which an item in the collection is
  listed, has fallen to {floor}.
@lead2.2
Weekly sales across NFT marketplaces came to about {nft_sales}.
Most trading in the collection took place on {marketplace}.
@detail
NFT trading is concentrated in a small number of collections that account for most of the
  volume.
Marketplaces have competed aggressively on fees, and several have made royalties to creators
  optional.
NFT prices are usually quoted in {coin}, so they are also affected by moves in the token's
  price.
Art and gaming collections have held up better than many profile-picture projects.
Some sales involve wash trading, where the same party is on both sides, which inflates volume
  figures.
The number of unique buyers is a closely watched measure, as it filters out traders who buy
  and sell the same items repeatedly.
@subhead
Where the activity is
Reading NFT data
@analysis
Analysts at {firm} said the NFT market has become more selective, with buyers favoring
  established collections.
NFT sales remain far below their peak, but activity has stabilized at a lower level.
The use of NFTs for tickets, loyalty programs and gaming items may prove more durable than
  speculation.
@quote
Collectors are buying with conviction, not chasing flips. That is a healthier market.
Volume is thin, so a few big sales can swing the numbers.
@detail
Floor prices are a rough measure of value, since they reflect only the cheapest listings.
Trading on lower-fee networks has grown, particularly for gaming items and smaller collections.
Collectors increasingly use marketplace aggregators, which compare listings across platforms.
@analysis
Sales of the most expensive items have slowed, while trading in cheaper items has held up.
Some market watchers say the NFT market is now driven more by collectors than by speculators.
""",
}
