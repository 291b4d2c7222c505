"""Sentence templates for the demo articles, written for this project.

`content.parse_pools` reads each block: `@slot` starts a pool, every other line is one
template, and a line that starts with spaces continues the template above it. `{key}` is
filled from the story's facts (see `content._facts`), `[a|b|c]` picks one alternative. A slot
ending in `_up` or `_down` is only used when the story's market moved that way.

Sentences in a pool must stand on their own: the generator draws them in any order.
"""

# Phrases that fill `{driver}` (headlines, present tense) and `{reason}` (a noun phrase).
PHRASES = """
@driver_up
ETF demand returns
short sellers get squeezed
stablecoin inflows pick up
risk appetite improves
cooler inflation data lifts markets
large holders keep buying
@driver_down
long positions unwind
risk assets retreat
traders lock in profits
the dollar strengthens
ETF outflows pile up
whales move coins to exchanges
@reason_up
renewed demand for spot exchange-traded funds
a squeeze on traders who had bet against the market
fresh stablecoin inflows to the largest exchanges
improving appetite for risk across global markets
softer-than-expected inflation data in the United States
steady buying by wallets holding large balances
@reason_down
a wave of forced selling as leveraged long positions were liquidated
a broad retreat from risk assets, led by technology stocks
profit-taking after a strong run earlier in the month
a stronger U.S. dollar and rising bond yields
persistent outflows from spot exchange-traded funds
large transfers of coins from long-dormant wallets to exchanges
"""

# Paragraph material shared by every story of a theme, plus risk notes and sign-offs.
SHARED = """
@market.context_up
The gains came alongside a [broader|wider] recovery across digital assets, with the total
  value of the crypto market climbing to roughly {mcap}.
Sentiment has improved with prices: a widely followed fear-and-greed gauge stood at {fear},
  a reading its publishers describe as “{fear_label}.”
Smaller tokens joined the move, although most lagged the largest coins, a pattern that is
  typical in the early stages of a recovery.
Stocks of companies with large crypto holdings also rose in early trading, extending the
  link between digital assets and traditional markets.
@market.context_down
The decline mirrored weakness across digital assets, with the total value of the crypto
  market slipping to roughly {mcap}.
Sentiment has soured with prices: a widely followed fear-and-greed gauge dropped to {fear},
  a reading its publishers describe as “{fear_label}.”
Smaller tokens fared worse than the market leaders, as tends to happen when traders cut
  risk in a hurry.
Shares of companies with large crypto holdings also fell, extending the link between digital
  assets and traditional markets.
@market.context
Bitcoin's share of the total crypto market, a gauge traders use to judge appetite for
  smaller tokens, stood at {dominance}%.
The supply of dollar-pegged stablecoins, often read as cash waiting on the sidelines, has
  kept growing and now exceeds {stables}.
Macroeconomic news remains a major driver: crypto has traded increasingly in step with
  technology stocks whenever expectations for interest rates shift.
Derivatives now account for most of the trading in digital assets, so swings in leverage
  tend to amplify moves in either direction.
Liquidity usually thins out over weekends and during holidays, which can exaggerate
  intraday moves and trigger cascades of liquidations.
Exchange balances of the largest coins have trended lower for months, a sign that more
  investors are moving their holdings into long-term storage.
Institutional investors now hold a meaningful share of the market through funds, which
  has changed how quickly capital moves in and out.
The market has spent much of the past quarter swinging between optimism about new demand
  and worries about the global economy.
Traders also keep an eye on the calendar: monthly options expiries and futures rollovers
  have coincided with several sharp moves this year.
@market.outlook
Traders will be watching whether {ticker} can hold above {support}, a level that acted as
  a floor during recent sessions.
A decisive daily close above {resistance} would, in the view of several chart watchers,
  open the way toward {target}.
Upcoming U.S. inflation figures and the next central bank meeting could set the tone for
  risk assets, including crypto, in the weeks ahead.
Flows into exchange-traded products will remain a useful gauge of whether larger investors
  are adding exposure or stepping back.
Some analysts caution that summer and holiday periods often bring thinner markets, which
  can make moves look more decisive than they are.
Options markets imply that traders expect volatility to stay elevated over the coming
  month, with demand for contracts in both directions.
Whether the move holds may depend less on crypto-specific news than on the broader mood in
  equity and bond markets.
@policy.context
The rules are part of a wider push by governments to bring digital assets inside the
  existing financial perimeter rather than leave them in a grey zone.
Industry groups have long argued that clear rules would encourage banks and large asset
  managers to offer crypto services to their clients.
Consumer advocates, for their part, have pressed for stronger protections after a series of
  exchange failures left customers waiting years to recover their funds.
Regulators in different jurisdictions have taken noticeably different paths, creating a
  patchwork that international firms must navigate market by market.
Stablecoins have become a particular focus, as their growth has raised questions about
  reserves, redemptions and their role in payments.
Much of the debate centers on which agency should supervise which activity, a question that
  has slowed legislation in several countries.
Several large firms have already reorganized their operations to prepare for licensing
  regimes, setting up local entities and hiring compliance staff.
Anti-money-laundering requirements, including the so-called travel rule for transfers
  between providers, remain a priority for supervisors everywhere.
Central banks have also stepped up their work on digital versions of their own currencies, partly
  in response to the growth of private stablecoins.
Tax authorities are introducing reporting rules that require crypto platforms to share
  information about their customers' transactions.
@policy.outlook
Lawyers advising crypto firms expect the details of implementation, rather than the headline
  principles, to determine how costly compliance becomes.
Smaller companies may find the requirements harder to meet than established players with large
  legal and compliance teams.
Market participants will be watching for guidance on how existing products and licenses will be
  treated during the transition.
How strictly the rules are enforced in practice will become clearer over the coming months.
Observers expect other jurisdictions to study the approach closely, as regulators increasingly
  coordinate through international standard-setting bodies.
Industry groups said they would continue to press for rules that are consistent across borders.
Consumer advocates said they would judge the measures by whether they prevent the kind of losses
  seen in past collapses.
@tech.context
Scalability remains the central challenge for public blockchains: more users mean more demand for
  limited block space, and higher fees when it runs out.
Developers have increasingly focused on making networks easier to use, hiding technical details
  such as gas payments and key management from ordinary users.
Interoperability between networks is another priority, as users and assets are now spread across
  dozens of chains and layer-2 systems.
Security researchers point out that every new feature adds complexity, and that audits and bug
  bounties remain essential.
The number of active developers building on public blockchains has held up well despite swings in
  token prices, according to several industry surveys.
Competition among smart-contract platforms has pushed teams to ship improvements faster, while
  trying not to compromise on decentralization.
Transaction fees on most major networks have fallen sharply over the past two years, opening the
  door to new kinds of applications.
Much of the work on public networks happens in the open, on forums, in public calls and in code
  repositories anyone can read.
Institutions experimenting with blockchains increasingly prefer public networks to private ones,
  citing reach and liquidity.
Decentralization remains hard to measure, and researchers use several yardsticks, from the number
  of independent operators to the spread of token ownership.
@tech.outlook
The next milestones on {network}'s roadmap focus on throughput, cheaper data storage and a
  smoother experience for wallets.
Governance discussions on the next set of changes are already under way in public forums.
Researchers plan to publish independent data on usage and performance in the coming months.
Adoption by applications and everyday users will be the real test.
Observers expect competition between networks to keep pushing costs down and capacity up.
Developers say the focus now is on reliability as much as on new features.
@business.context
Crypto companies have been expanding their product ranges to rely less on trading fees,
  which rise and fall with market activity.
Competition for customers has intensified, with platforms offering lower fees, new assets and
  features such as staking and card payments.
Larger firms increasingly seek licenses in several jurisdictions at once, treating regulatory
  approval as a competitive advantage.
Institutional clients now make up a growing share of volume on many platforms, and they bring
  demands for custody, reporting and risk controls.
Partnerships between crypto firms and traditional financial institutions have become more
  common as rules in major markets become clearer.
Security remains a top concern: users and regulators alike now expect regular audits and
  published proof that customer assets are fully backed.
Payments are a growing use case, particularly for cross-border transfers where traditional
  options are slow or expensive.
Marketing budgets across the industry tend to follow prices, growing in strong markets and
  shrinking quickly when activity slows.
Trading activity on centralized platforms has recovered from its lows, although volumes remain
  well below the records set in earlier cycles.
Many firms now publish regular reports on the assets they hold for customers, a practice that
  was rare before the high-profile failures of recent years.
@business.outlook
How customers respond over the coming months will show whether the move pays off.
Competitors are likely to watch closely, as they have after similar moves by rivals in the past.
Much will depend on how regulators view such services, particularly in markets where licensing
  rules are still being finalized.
Industry observers see moves like this as part of a broader bet that crypto services will become
  a standard part of everyday finance.
Analysts will be watching whether the change attracts new users or mainly serves existing
  customers.
A recovery in trading activity would make such investments easier to justify; a long lull would
  test them.
@nft.context
The NFT market has shrunk considerably from its peak, but a core of collectors, artists and
  developers remains active.
NFTs record ownership of a digital item on a blockchain, which makes it possible to prove who
  holds it and to trade it freely.
Ethereum remains the main home for high-value collections, while networks with lower fees host
  more games and everyday items.
Artists have used NFTs to sell digital work directly to collectors, without galleries taking a
  large cut.
Brands and sports clubs have experimented with NFTs as loyalty rewards and digital memorabilia.
Marketplaces have consolidated, with a handful of platforms handling most trading.
Some collectors treat NFTs as art first and investment second, which has helped established
  collections hold their value.
@nft.outlook
Collectors will be watching whether new buyers return or whether activity stays concentrated
  among existing holders.
Several major collections have announced new releases for the coming months.
Whether NFTs find lasting uses beyond collecting remains an open question for the sector.
Marketplace data over the next few weeks will show whether the shift is lasting.
Artists say the focus is shifting from quick sales to building long-term communities of
  collectors.
@risk
Crypto assets remain highly volatile, and past performance is no guide to future returns.
Figures quoted here reflect market conditions at the time of writing and can change quickly.
As always, readers should do their own research and consider the risks before making any
  investment decision.
Nothing in this article is investment advice; prices of digital assets can fall as quickly
  as they rise.
Investors should be wary of leverage, which can turn a modest price move into a large loss.
@closing
Crypto Flexs will continue to follow the story as it develops.
We will update our coverage as more details become available.
For more news and analysis, see our {category} section.
We will keep tracking the numbers in the days ahead.
@subhead
What comes next
The bigger picture
What to watch
Why it matters
The road ahead
Reading the market
Context
"""
