"""Story templates for industry news: upgrades, exchanges, regulation, adoption and more.

The format is described in `phrases.py`; numbered variants are explained in `stories_markets.py`."""

KINDS = {
    "treasury": """
@headline
{company_cap} adds {coin} to its balance sheet in {amount} purchase
{company_cap} buys {amount} of {coin}, joining a growing list of corporate holders
Corporate {coin} buying continues as {company} discloses {amount} stake
{company_cap} plans to hold {coin} as a treasury reserve asset
@excerpt
{company_cap}, {company_desc}, disclosed a purchase of {amount} of {coin} and said it plans to
  hold the asset for the long term.
Another company is putting part of its cash into {coin}. Here is what the filing says.
@lead
{company_cap}, {company_desc}, said it had bought {amount} worth of {coin}, making the
  cryptocurrency part of its corporate treasury.
{company_cap} disclosed in a regulatory filing that it has acquired {amount} of {coin} and
  intends to hold it as a reserve asset.
@lead2
The purchase was made at an average price close to {price}, the company said.
The board approved the allocation after a review that lasted several months, according to
  the announcement.
The company said the holding would be kept with a regulated custodian.
@detail
The company described {coin} as a hedge against currency debasement and a long-term store
  of value.
Accounting rules that allow companies to report crypto holdings at fair value have made such
  purchases easier to explain to shareholders.
The holding will be reported in the company's quarterly results, with gains and losses passing
  through its income statement.
Executives said the purchase would not affect day-to-day operations or planned investments.
Some shareholders questioned the move, arguing that the company should focus on its core
  business.
@subhead
Why companies are buying
A growing list of corporate holders
The risks on the balance sheet
@analysis
Corporate treasuries now hold a meaningful amount of {coin}, according to public disclosures
  tracked by analysts.
Analysts at {firm} noted that companies announcing purchases have often seen their share
  prices react sharply, in both directions.
Critics warn that a sharp fall in the price could force write-downs and put pressure on
  companies that funded purchases with debt.
Supporters argue that a small allocation is a reasonable diversification for firms holding
  large cash balances.
@quote
For us this is a long-term decision. We are not trying to time the market.
A small allocation gives us exposure to an asset we believe will matter more over the next
  decade.
@speaker
{executive}, {executive_role} of {company}
@detail
The company joins a growing list of listed firms that hold {coin} as part of their reserves.
The purchase was funded from existing cash rather than new debt, the company said.
The company said it would not trade the holding actively and has no plans to sell.
@analysis
Investors now have several ways to gain exposure to {coin}, which some argue reduces the appeal
  of buying shares in companies that hold it.
Ratings agencies have said they will look at how companies manage the risks of holding volatile
  assets.
""",
    "upgrade": """
@headline.1
{network} developers set date for the {upgrade} upgrade
{network} validators prepare for the {upgrade} hard fork
What the {upgrade} upgrade means for {network} users
@excerpt.1
The {upgrade} upgrade aims to cut fees and raise throughput on {network}. Here is what changes
  and when.
{network} developers agreed on a timeline for {upgrade}, the network's next major upgrade.
@lead.1
Developers of {network} have agreed on a schedule for {upgrade}, the network's next major
  upgrade, after weeks of testing on developer networks.
The {upgrade} upgrade now has a date: {network} developers agreed on the timing in their latest
  public call, pending a final round of testing.
@lead2.1
Node operators have been asked to update their software ahead of activation.
The changes were discussed at length in public developer calls and in improvement proposals
  published on the project's forums.
@headline.2
{network}'s {upgrade} upgrade goes live on testnet
{network} begins public testing of the {upgrade} upgrade
@excerpt.2
The {upgrade} upgrade is now running on a {network} test network, the last step before the
  main network.
Public testing of {upgrade} has begun. Here is what developers will be watching.
@lead.2
The {upgrade} upgrade has gone live on a {network} public testnet, the last major step before
  it reaches the main network.
{network} developers have switched on {upgrade} on a public test network, giving applications
  and node operators a chance to try the changes.
@lead2.2
Developers will watch the testnet for several weeks before setting a date for the main
  network.
Early results were smooth, according to developers, apart from a few nodes that had not been
  updated.
@headline.3
{network} activates {upgrade} upgrade, promising lower fees
{upgrade} upgrade goes live on {network} without a hitch
@excerpt.3
{network} has switched on its {upgrade} upgrade. Here is what changes for users and
  developers.
The {upgrade} upgrade is live on {network}, with lower fees among the promised benefits.
@lead.3
{network} has activated the {upgrade} upgrade, a set of changes its developers say will make
  transactions cheaper and the network easier to use.
The {upgrade} upgrade went live on the {network} main network, with block production
  continuing normally through the switch.
@lead2.3
{ticker} traded near {price} as the upgrade went live.
Network monitors reported no significant problems in the first hours after activation.
@detail
Among the main changes is a more efficient way to store transaction data, which should lower
  costs for applications that post data to the network.
The upgrade also changes how accounts work, allowing wallets to offer features such as
  sponsored fees and batched transactions.
Developers expect average fees to fall to around {fee} for a simple transfer once the changes
  are in place.
Testing revealed a handful of minor issues, which were fixed in later releases of the client
  software.
The upgrade does not change the token supply or the rewards paid to validators.
More than {validators} validators currently help secure the network.
Several independent client teams implemented the changes, which reduces the risk that a single
  software bug could halt the network.
@subhead
What changes for users
Inside the upgrade
Timeline and testing
@analysis
Researchers at {firm} said the upgrade addresses some of the most common complaints from
  developers, particularly around cost and complexity.
Upgrades of this size have historically been followed by a short period of careful monitoring
  rather than immediate price effects.
Applications will need to adopt the new features before most users see a difference.
Some developers argue that the upgrade should have gone further, while others prefer smaller,
  more frequent changes that carry less risk.
@quote
This is the kind of change users never see directly, but they will notice that things are
  cheaper and faster.
We took the time to test this properly. Rushing a network upgrade is never worth it.
@context
Upgrades of this kind go through months of public testing, first on developer networks and then
  on public testnets, before they reach the main network.
Node operators and validators typically need to update their software ahead of an upgrade; those
  who do not risk falling out of sync with the network.
@outlook
Developers say they will monitor the network closely after activation and are prepared to ship
  fixes if problems appear.
Whether users notice the difference will depend on how quickly applications adopt the new
  features.
Independent researchers plan to publish performance data once the changes have been live for a
  few weeks.
@bullets_intro
The main changes in {upgrade}:
@bullet
Cheaper storage for data posted by layer-2 networks and applications
Smarter accounts that let wallets pay fees on a user's behalf
Faster confirmation of transactions under heavy load
Clean-up of older features that few applications still use
@speaker
{executive}, a core developer working on {network}
@detail
Applications that rely on the network do not need to take any action unless they want to use the
  new features, developers said.
The upgrade bundles several improvement proposals that were discussed separately over the past
  year.
@analysis
Competing networks have made similar changes, which makes it harder for any single platform to
  stand out on cost alone.
The smooth progress of recent upgrades has increased confidence in the network's development
  process.
""",
    "layer2": """
@headline.1
{l2} activity hits a record as fees drop to {fee}
Layer-2 networks process more transactions than {network} itself
{l2} crosses {users} monthly users as rollups grow
@excerpt.1
Layer-2 networks built on {network} keep growing. {l2} now processes about {txs} transactions a
  day at fees near {fee}.
Cheaper transactions are drawing users to layer-2 networks. Here is what the latest activity
  data shows.
@lead.1
{l2}, a layer-2 network that settles its transactions on {network}, processed a record number
  of transactions this week, with average fees falling to about {fee}.
Activity on layer-2 networks built on top of {network} has climbed to new highs, with {l2} alone
  handling about {txs} transactions a day.
@lead2.1
The network now counts more than {users} monthly active addresses.
The growth has been driven by games, social apps and payments, which depend on cheap
  transactions.
@headline.2
{l2} launches on mainnet with a focus on cheap payments
{network} rollup {l2} opens to the public
@excerpt.2
{l2}, a new layer-2 network for {network}, is open to everyone after months on testnet.
A new rollup has launched on {network}. Here is what it offers.
@lead.2
{l2}, a new rollup network for {network}, has opened to the public after months on testnet.
The team behind {l2} has launched its layer-2 network on {network}, promising fees of around
  {fee} per transaction.
@lead2.2
Its developers say the network is designed for payments and consumer apps.
More than a hundred applications have committed to deploy on the network, its team said.
@detail
Rollups bundle many transactions together and post a compressed record to the main chain,
  spreading the cost across users.
Recent upgrades to {network} made it much cheaper for rollups to post their data, which pushed
  fees on layer-2 networks sharply lower.
Bridging assets between networks remains one of the main points of friction for users.
Most layer-2 networks still rely on a single operator to order transactions, a point critics
  say must change for them to be truly decentralized.
Fee revenue on layer-2 networks has grown with activity, although fees per transaction are
  tiny.
Withdrawals from some rollups back to the main chain can take up to a week, a safeguard that
  gives observers time to challenge invalid transactions.
@subhead
Why rollups are growing
The trade-offs of layer 2
What users get
@analysis
Analysts at {firm} said the growth of layer-2 networks has shifted much of the activity, and
  some of the fee revenue, away from the main chain.
A debate continues over whether layer-2 networks add value to the underlying token or draw it
  away.
Data from block explorers shows that a few networks account for most layer-2 activity, although
  new entrants appear every month.
Developers increasingly choose layer-2 networks by default for new applications, citing cost
  and speed.
@quote
Users do not care which layer they are on. They care that it is cheap, fast and safe.
The fee drop changed the economics for whole categories of applications overnight.
@detail
Many rollups use a security model that allows anyone to challenge an invalid transaction during
  a waiting period.
Wallets have started to hide the differences between networks, letting users move funds without
  choosing a layer manually.
Some layer-2 networks have issued their own tokens, used for governance and to pay fees.
@analysis
Critics argue that fragmentation across dozens of layer-2 networks makes the ecosystem harder to
  use.
Supporters say the approach lets the main chain stay secure and decentralized while other layers
  handle volume.
""",
    "staking": """
@headline.1
Staked {coin} reaches a record share of supply
{coin} staking yields settle near {apr} as participation grows
@excerpt.1
More {coin} than ever is locked in staking, earning holders about {apr} a year. Here is what
  that means for the network.
Staking participation in {coin} keeps rising while yields drift lower.
@lead.1
The share of {coin} locked in staking has reached a record, according to on-chain data, with
  holders earning an annual yield of about {apr}.
Holders keep putting their {coin} to work: the amount staked on the network has climbed to a
  new high, even as the yield has slipped to about {apr}.
@lead2.1
The number of validators securing the network has passed {validators}.
{coin} traded near {price} at the time of writing.
@headline.2
{fund} files to add staking to its {coin} fund
{fund} seeks approval to stake {coin} held by its fund
@excerpt.2
{fund} wants to pass staking rewards on to investors in its {coin} fund. Here is what the
  filing says.
An asset manager wants its {coin} fund to earn staking rewards.
@lead.2
{fund} has asked regulators for permission to stake part of the {coin} held by its
  exchange-traded fund, a move that would pass staking rewards to investors.
A filing from {fund} seeks approval to stake a portion of its {coin} fund's holdings through
  regulated custodians.
@lead2.2
If approved, investors would receive the rewards minus fees, the filing said.
The fund currently holds {coin} but earns nothing on it.
@headline.3
Liquid staking grows as {coin} holders seek yield
Liquid staking tokens gain ground in {coin} DeFi
@excerpt.3
Liquid staking lets {coin} holders earn rewards and still use their tokens. Its popularity is
  growing fast.
Liquid staking is booming. Here is how it works and what the risks are.
@lead.3
Liquid staking services, which issue tradable tokens in exchange for staked {coin}, have grown
  quickly as holders look for yield without locking up their assets.
The value of {coin} held through liquid staking services has climbed steadily, making them one
  of the largest parts of the network's DeFi ecosystem.
@lead2.3
Yields on liquid staking tokens sit at about {apr} a year.
Liquid staking tokens are now widely accepted as collateral in lending protocols.
@detail
Staking rewards come from new issuance and transaction fees, so yields fall as more holders take
  part.
Large operators, including exchanges and specialist staking firms, run a significant share of
  validators.
Withdrawals from staking have run smoothly since they were enabled, reducing one of the risks
  that once discouraged holders.
Critics warn that concentration among a few staking providers could become a risk to the
  network's neutrality.
Validators that go offline or break the rules can lose part of their stake, a penalty known as
  slashing.
@subhead
Where the yield comes from
The risks of concentration
What holders should know
@analysis
Analysts at {firm} said staking has become the default for long-term holders, much like
  interest on a savings account.
Rising participation reduces the amount of {coin} available for trading, which some argue
  supports the price over time.
Regulatory treatment of staking varies widely between jurisdictions, which has slowed its
  adoption by funds.
Researchers continue to debate how much concentration among operators is acceptable.
@quote
Staking is becoming table stakes for anyone holding {coin} for the long term.
The question is no longer whether to stake, but with whom and on what terms.
@detail
Staking means locking up tokens to help validate transactions, in return for rewards paid by the
  network.
Holders can stake directly by running their own validator, or through a service that does it for
  them.
Exchanges offer staking to their customers, usually keeping part of the rewards as a fee.
@analysis
A higher share of staked tokens makes the network more expensive to attack, supporters say.
Some investors prefer to keep their tokens liquid, accepting a lower return for the flexibility
  to sell at any time.
""",
    "listing": """
@headline
{exchange} lists {ticker} with spot and perpetual markets
{ticker} jumps after {exchange} announces listing
{exchange} adds {ticker} trading pairs as altcoin demand grows
{exchange} to list {coin}, opening trading to its users
@excerpt
{exchange} will open trading in {coin_tk} against the dollar and stablecoins. The token rose
  after the announcement.
Another large venue is adding {ticker}. Here is what the listing includes.
@lead
{exchange}, {exchange_desc}, said it would list {coin_tk}, with spot trading against the U.S.
  dollar and the leading stablecoins.
{coin_tk} rose {pct}% after {exchange} announced it would add the token to its platform.
{exchange} has added {ticker} to its spot market and launched perpetual futures on the token.
@lead2
Deposits opened ahead of trading, the exchange said in a notice to customers.
{ticker} traded near {price} after the announcement.
The listing makes the token available to the exchange's users in several regions.
@detail
Exchange listings often move prices in the short term, as they give a token access to a
  larger pool of buyers.
The exchange said {ticker} had passed its review process, which looks at the token's
  technology, legal status and market liquidity.
Trading will start with limited order types, with margin trading added later if liquidity
  allows.
Market makers have committed to providing liquidity in the new pairs, the exchange said.
Users in some jurisdictions will not be able to trade the token because of local rules.
@subhead
What the listing includes
Why listings still move prices
@analysis
Analysts at {firm} said listing rallies tend to fade within days unless trading volume holds
  up.
Exchanges have become more selective about which tokens they list, under pressure from
  regulators.
Listings on large venues remain one of the main sources of new demand for mid-sized tokens.
@quote
A listing gives a token distribution. Whether it keeps trading volume is another question.
We expect a burst of activity at launch, then a settling period.
@bullets_intro
Listing details:
@bullet
Token: {coin_tk}
Markets: spot pairs against the dollar and stablecoins
Deposits: open now
Derivatives: perpetual futures to follow
@detail
The listing comes as exchanges compete to add popular tokens quickly without relaxing their
  checks.
The exchange said it would monitor trading closely in the first days to prevent manipulation.
New listings are usually announced in advance so that market makers can prepare.
Trading in {ticker} on other venues rose after the announcement.
@analysis
Tokens listed on several major exchanges tend to trade with tighter spreads and less volatility.
Some traders buy ahead of expected listings, a practice exchanges have tried to discourage.
""",
    "exchange_ops": """
@headline.1
{exchange} publishes proof of reserves showing {amount} in customer assets
{exchange} proof-of-reserves report shows customer assets fully backed
@excerpt.1
{exchange} said it holds {amount} in customer assets and published data so users can check
  their balances are included.
A new reserve report from {exchange} lets customers verify their balances.
@lead.1
{exchange}, {exchange_desc}, published its latest proof-of-reserves report, showing it held
  {amount} in customer assets across the largest tokens.
@detail.1
Proof-of-reserves reports use cryptographic techniques to let customers verify that their
  balances are included in the total, without revealing individual accounts.
The exchange said an independent accounting firm reviewed the figures.
The exchange said customer funds were held one-to-one and were never lent out.
Critics note that a reserve report shows assets at a single point in time and does not always
  cover liabilities in full.
@tags.1
Proof of Reserves
@headline.2
{exchange} secures license in {region}
{exchange} wins approval to serve customers in {region}
@excerpt.2
{exchange} can now offer crypto trading and custody in {region} under local rules.
A new license opens {region} to {exchange}. Here is what it allows.
@lead.2
{exchange}, {exchange_desc}, said it had received a license to offer crypto services to
  customers in {region}.
@detail.2
Licenses have become a priority for exchanges since several jurisdictions tightened their rules
  for crypto service providers.
The license covers trading and custody for retail and professional customers.
The approval followed a review that lasted more than a year, the company said.
The exchange will have to meet local requirements on capital, customer protection and
  anti-money-laundering checks.
@tags.2
Regulation
@headline.3
{exchange} launches crypto card for customers in {region}
{exchange} lets customers in {region} spend crypto with a new card
@excerpt.3
Customers of {exchange} in {region} can now spend their crypto balances at ordinary shops.
A new card from {exchange} links crypto balances to everyday spending.
@lead.3
{exchange}, {exchange_desc}, launched a payment card that lets customers in {region} spend
  crypto balances at ordinary merchants.
@detail.3
The card works with a major payments network and converts crypto to local currency at the
  moment of purchase.
Cardholders can choose which of their balances is spent first, including stablecoins.
Spending crypto may count as a sale for tax purposes in some countries, the exchange reminded
  customers.
@tags.3
Payments
@headline.4
{exchange} rolls out zero-fee trading to win back users
{exchange} cuts trading fees to zero on major pairs
@excerpt.4
{exchange} has scrapped fees on its most popular trading pairs. Here is what the catch is.
A price war among exchanges heats up as {exchange} drops trading fees.
@lead.4
{exchange}, {exchange_desc}, has scrapped trading fees on its most popular spot pairs, in a bid
  to win market share from larger rivals.
@detail.4
The exchange will still earn money from the spread between buying and selling prices and from
  other services.
Zero-fee promotions have been used by several exchanges to attract users in quiet markets.
Fees on less popular pairs and on derivatives are unchanged.
@tags.4
Trading
@headline.5
{exchange} expands institutional custody service
{exchange} adds segregated accounts for institutional clients
@excerpt.5
{exchange} is expanding custody for funds and companies, with segregated accounts and
  insurance.
Institutional clients get new safeguards at {exchange}.
@lead.5
{exchange}, {exchange_desc}, expanded its custody service for institutional clients, adding
  segregated accounts and insurance coverage.
@detail.5
Institutional clients have pushed exchanges to separate customer assets from the firm's own
  funds.
Assets in the service are held in offline storage, with withdrawals approved by several people.
The service will be audited each year by an outside firm, the exchange said.
@tags.5
Custody
Institutional
@lead2
The company said the move was part of a plan to expand its business beyond trading.
The announcement was made in a blog post and confirmed by a company spokesperson.
The exchange said it serves more than {users} customers.
@subhead
What customers get
Trust after the collapses
Competition for users
@analysis
Analysts at {firm} said transparency has become a selling point for exchanges since the failures
  of several large platforms.
Exchanges face pressure to diversify revenue because trading fees rise and fall with the market.
Larger exchanges have the resources to operate in many jurisdictions, which smaller rivals find
  hard to match.
Customer trust remains fragile, and exchanges that offer clear information tend to keep users
  longer.
@quote
Customers now ask where their assets are and who holds them. We want the answer to be easy to
  check.
Regulation is a competitive advantage now. Customers want to know their exchange is supervised.
We want to earn our customers' trust every day, not only when markets are calm.
@speaker
{executive}, {executive_role} of {exchange}
@detail
Exchanges have faced growing pressure from customers and regulators to show how they protect
  user funds.
The exchange said the change would be rolled out gradually to all eligible customers.
Customers will be notified by e-mail and in the exchange's app.
The company has expanded its compliance team over the past year.
@analysis
Larger exchanges have the resources to operate in many jurisdictions, which smaller rivals find
  hard to match.
Some analysts expect further consolidation among exchanges as costs rise.
""",
    "exploit": """
@headline.1
{protocol} pauses contracts after a {amount} exploit
Hackers drain {amount} from {protocol}; team offers bounty
@excerpt.1
{protocol} halted its smart contracts after an attacker took about {amount}. The team says it
  is working with security firms to trace the funds.
An exploit has hit a DeFi protocol. Here is what we know so far.
@lead.1
{protocol}, a decentralized finance protocol, paused its smart contracts after an attacker
  exploited a flaw and withdrew about {amount} in digital assets.
An attacker drained roughly {amount} from {protocol}, a decentralized lending protocol, before
  its team paused the affected contracts.
@lead2.1
The team said it was working with blockchain security firms to trace the stolen funds.
The protocol's {ptoken} token fell sharply after the news.
@detail.1
Security researchers said the attack appeared to exploit a flaw in how the protocol calculated
  collateral values.
The attacker moved part of the funds through a cross-chain bridge shortly after the exploit,
  according to on-chain data.
The team offered the attacker a bounty of ten percent in exchange for returning the rest.
The affected contracts had been audited, although the flaw was in a component added later.
@tags.1
DeFi
@headline.3
{protocol} recovers most funds after exploit, publishes report
{protocol} reopens after exploit as stolen funds are returned
@excerpt.3
The team behind {protocol} says most of the stolen funds are back and explains how the attack
  worked.
A post-mortem from {protocol} details the exploit and the recovery.
@lead.3
The team behind {protocol} published a post-mortem report on the recent exploit, saying most of
  the stolen funds had been recovered.
{protocol} has reopened its contracts after recovering most of the assets taken in an exploit
  earlier this month.
@lead2.3
The attacker returned the funds after negotiations and kept a bounty, the team said.
Users who lost funds will be compensated from the protocol's treasury.
@detail.3
According to the report, the attacker exploited a flaw in how the protocol calculated
  collateral values.
The team said it has fixed the flaw and commissioned two new audits.
Governance token holders will vote on how to cover the remaining losses.
The report includes a timeline of the attack and of the team's response.
@tags.3
DeFi
@subhead
How the attack worked
What users should do
Lessons for the industry
@analysis
Analysts at {firm} said attacks on crypto platforms have become more sophisticated, often
  combining several small weaknesses.
Losses to hacks and exploits remain a major drag on confidence in crypto services.
The industry has improved its response times, with security firms and exchanges now often able
  to freeze stolen funds within hours.
Bug bounty programs, which pay researchers to report flaws, have grown as a first line of
  defense.
@quote
Audits reduce risk, but they do not remove it. Every new feature is a new attack surface.
The response was fast, which limited the damage. That is the standard users should expect.
@context
Hacks and exploits cost crypto users billions of dollars each year, according to blockchain
  security firms.
Attackers increasingly target the weakest link in a system, from smart contracts to employees'
  devices.
Stolen funds are often moved through mixers and cross-chain bridges to make them harder to trace.
Some large stablecoin issuers can freeze tokens held at addresses linked to thefts, which has
  helped recover funds in several cases.
Cooperation between exchanges, security firms and law enforcement has improved, making it harder
  to cash out stolen assets.
Many incidents start with social engineering, such as fake job offers or messages that trick
  staff into installing malware.
Insurance for crypto platforms exists but is expensive, and coverage is usually limited to a
  fraction of the assets held.
@outlook
Users are advised to follow only official channels for updates and to ignore offers of help from
  strangers.
A full report on the incident is expected once the investigation is complete.
Investigators will continue to track the stolen funds across networks and exchanges.
The incident is likely to renew calls for stricter security standards across the industry.
How quickly normal service is restored will be closely watched by users.
@bullets_intro
What users should know:
@bullet
Do not interact with unofficial links or so-called recovery services
Check official channels for updates from the team
Revoke token approvals for affected contracts
Expect withdrawals to reopen only after a full review
@detail
On-chain data allows anyone to follow the movement of stolen funds, even if the attackers are not
  identified.
The team said it had notified law enforcement and exchanges about the addresses involved.
Security experts recommend that users keep most of their funds in wallets they control and
  review the permissions they have granted to applications.
@analysis
Blockchain security firms say that most losses come from a small number of large incidents.
Repeated incidents have led some users to spread their funds across several platforms.
""",
    "breach": """
@headline
{exchange} says user funds are safe after hot wallet incident
{exchange} suspends withdrawals after unauthorized transfers
@excerpt
{exchange} detected unauthorized withdrawals from a hot wallet and says it will cover the loss.
An exchange has been hit by a security incident. Here is what we know so far.
@lead
{exchange}, {exchange_desc}, said it had detected unauthorized withdrawals from one of its hot
  wallets and that customer balances would be covered in full.
{exchange}, {exchange_desc}, suspended withdrawals after spotting unauthorized transfers from a
  wallet used for day-to-day operations.
@lead2
The company said withdrawals would reopen once the investigation is complete.
No customer accounts were compromised, according to the company.
@detail
Hot wallets hold a small share of an exchange's assets for day-to-day withdrawals; most funds
  are kept in offline cold storage.
The exchange said it would cover the losses from its own reserves.
The company has moved its remaining hot wallet funds to new addresses and replaced its keys.
Investigators are examining whether the attackers gained access through a compromised device.
@tags
Exchanges
@subhead
How the attack worked
What users should do
Lessons for the industry
@analysis
Analysts at {firm} said attacks on crypto platforms have become more sophisticated, often
  combining several small weaknesses.
Losses to hacks and exploits remain a major drag on confidence in crypto services.
The industry has improved its response times, with security firms and exchanges now often able
  to freeze stolen funds within hours.
Bug bounty programs, which pay researchers to report flaws, have grown as a first line of
  defense.
@quote
Audits reduce risk, but they do not remove it. Every new feature is a new attack surface.
The response was fast, which limited the damage. That is the standard users should expect.
@context
Hacks and exploits cost crypto users billions of dollars each year, according to blockchain
  security firms.
Attackers increasingly target the weakest link in a system, from smart contracts to employees'
  devices.
Stolen funds are often moved through mixers and cross-chain bridges to make them harder to trace.
Some large stablecoin issuers can freeze tokens held at addresses linked to thefts, which has
  helped recover funds in several cases.
Cooperation between exchanges, security firms and law enforcement has improved, making it harder
  to cash out stolen assets.
Many incidents start with social engineering, such as fake job offers or messages that trick
  staff into installing malware.
Insurance for crypto platforms exists but is expensive, and coverage is usually limited to a
  fraction of the assets held.
@outlook
Users are advised to follow only official channels for updates and to ignore offers of help from
  strangers.
A full report on the incident is expected once the investigation is complete.
Investigators will continue to track the stolen funds across networks and exchanges.
The incident is likely to renew calls for stricter security standards across the industry.
How quickly normal service is restored will be closely watched by users.
@bullets_intro
What users should know:
@bullet
Do not interact with unofficial links or so-called recovery services
Check official channels for updates from the team
Change passwords and turn on two-factor authentication
Expect withdrawals to reopen only after a full review
@detail
On-chain data allows anyone to follow the movement of stolen funds, even if the attackers are not
  identified.
The team said it had notified law enforcement and exchanges about the addresses involved.
Security experts recommend that users keep most of their funds in wallets they control and
  review the permissions they have granted to applications.
@analysis
Blockchain security firms say that most losses come from a small number of large incidents.
Repeated incidents have led some users to spread their funds across several platforms.
""",
    "stablecoins": """
@headline.1
Stablecoin supply hits a record {stables}
Stablecoin market grows to {stables} as demand for digital dollars rises
@excerpt.1
The combined supply of stablecoins has reached {stables}. Here is what is behind the growth.
Demand for digital dollars keeps rising, pushing stablecoin supply to a record.
@lead.1
The total supply of stablecoins, tokens designed to hold a steady value against currencies such
  as the U.S. dollar, has reached a record of about {stables}.
Stablecoins in circulation have climbed to roughly {stables}, a new high, according to data
  from analytics firms.
@lead2.1
The growth has been driven mainly by the two largest dollar-backed tokens.
New issuance has been strongest on {network} and on low-fee networks used for payments.
@headline.2
{region_cap} sets rules for stablecoin issuers
New stablecoin rules in {region}: what issuers must do
@excerpt.2
New rules for stablecoins are taking shape in {region}. Here is what issuers need to know.
Stablecoin issuers in {region} face new requirements on reserves and redemptions.
@lead.2
Authorities in {region} have published rules for companies that issue stablecoins, setting
  requirements for reserves, redemptions and disclosures.
@lead2.2
Issuers will have {months} months to comply once the rules take effect.
The rules apply to any stablecoin offered to the public in {region}, wherever the issuer is
  based.
@detail.2
Issuers will have to back every token with high-quality, liquid assets held with regulated
  custodians.
Holders must be able to redeem tokens at face value within a short, fixed period.
Issuers will have to publish monthly reports on the size and make-up of their reserves.
@headline.3
Banks in {region} explore a joint stablecoin for payments
Lenders in {region} weigh a shared digital dollar
@excerpt.3
A group of banks in {region} is studying a jointly issued stablecoin for payments between
  businesses.
Banks are looking at stablecoins of their own. Here is what is being discussed.
@lead.3
A group of banks in {region} is exploring the launch of a jointly issued stablecoin for
  payments between businesses, according to people familiar with the plans.
@lead2.3
The project is at an early stage and may not go ahead.
The banks declined to comment on the discussions.
@headline.4
Stablecoin payments volume climbs as businesses adopt digital dollars
Businesses turn to stablecoins for cross-border payments
@excerpt.4
More companies are paying suppliers in stablecoins. Here is why, and what stands in the way.
Stablecoins are moving beyond trading into business payments.
@lead.4
Payments made with stablecoins have grown sharply this year, as businesses use them to pay
  suppliers and move money across borders, according to industry data.
@lead2.4
The growth comes mainly from business payments rather than consumer purchases.
Payment companies say demand is strongest in markets with expensive or slow banking links.
@detail
Stablecoins are widely used to move money between exchanges and to settle trades in
  decentralized finance.
Issuers typically back their tokens with short-term government debt and bank deposits, and earn
  interest on those reserves.
Regulators want holders to be able to redeem tokens at face value quickly, even in times of
  stress.
Payment companies have started to offer stablecoin settlement to merchants, particularly for
  cross-border transactions.
Some central banks worry that widespread use of foreign-currency stablecoins could weaken their
  control over monetary policy.
@subhead
Why stablecoins are growing
What the rules require
Payments beyond trading
@analysis
Analysts at {firm} said stablecoins have become one of the clearest uses of blockchain
  technology beyond speculation.
The interest income earned on reserves has made stablecoin issuance a highly profitable
  business.
Clear rules could bring banks and payment firms into a market dominated so far by a few
  crypto-native issuers.
@quote
Stablecoins are quietly becoming the payment rails of the internet.
Reserve quality is everything. A stablecoin is only as good as what backs it.
@detail
The largest stablecoins are issued by private companies and backed by reserves held in banks and
  government securities.
Stablecoins are also used by people in countries with high inflation to hold savings in dollars.
@analysis
The largest issuers publish regular reports on their reserves, checked by accounting firms.
Competition among issuers is growing as banks and payment firms enter the market.
""",
    "regulation": """
@headline.1
{regulator_cap} publishes draft rules for crypto service providers
{regulator_cap} proposes licensing regime for crypto firms
@excerpt.1
{regulator_cap} set out proposed rules for exchanges, custodians and token issuers. Here is
  what they would require.
New rules for crypto firms in {region} are taking shape. Here is what changes.
@lead.1
{regulator_cap} has published draft rules for companies that offer crypto trading, custody and
  related services, opening a consultation that will run for {months} months.
@detail.1
Firms would need to keep customer assets separate from their own and hold minimum capital.
The rules would require clear disclosures about fees, conflicts of interest and the risks of
  crypto investments.
Companies that already operate in the market would be given a transition period to apply for
  authorization.
The proposals also cover market abuse, including insider dealing and manipulation of token
  prices.
Stablecoin issuers would face separate, stricter requirements on reserves and redemptions.
A consultation period will give firms and the public the chance to comment before the rules are
  finalized.
@bullets_intro.1
Key points of the proposal:
@bullet.1
Licenses for exchanges, brokers and custodians
Segregation of customer assets
Minimum capital and governance requirements
Clear risk warnings in marketing
A transition period for existing firms
@headline.2
{regulator_cap} tightens advertising rules for crypto firms
{regulator_cap} bans crypto referral bonuses in new marketing rules
@excerpt.2
Crypto ads in {region} will need clear risk warnings, and some incentives will be banned.
New marketing rules will change how crypto firms reach customers in {region}.
@lead.2
{regulator_cap} has tightened the rules on how crypto firms can advertise to consumers,
  including clear risk warnings and limits on incentives.
@detail.2
Promotions will have to carry a prominent warning that investors could lose all their money.
Referral bonuses and free-token offers will no longer be allowed for retail customers.
Influencers who promote crypto products on social media will be covered by the rules.
Firms marketing crypto products will need to check that customers understand the risks before
  they can invest.
@tags.2
Marketing
@headline.3
Lawmakers in {region} advance a bill to regulate digital assets
Crypto bill clears key vote in {region}
@excerpt.3
A bill creating a licensing regime for crypto businesses in {region} has moved a step closer to
  becoming law.
Lawmakers in {region} are moving ahead with crypto rules. Here is what the bill contains.
@lead.3
Lawmakers in {region} have advanced a bill that would create a licensing regime for digital
  asset businesses, moving it a step closer to becoming law.
@detail.3
The bill would require exchanges and custodians to register with a supervisor and to keep
  customer assets separate from their own.
It would also give authorities new powers to act against market manipulation and fraud.
Amendments added during the debate strengthen disclosure requirements for token issuers.
The bill must still pass further votes before it can take effect.
@bullets_intro.3
What the bill would do:
@bullet.3
Create licenses for exchanges, brokers and custodians
Require segregation of customer assets
Set disclosure rules for token issuers
Give supervisors powers against market abuse
@headline.4
{regulator_cap} grants first licenses under new crypto regime
First crypto firms win approval under {region}'s new rules
@excerpt.4
{regulator_cap} has approved the first crypto firms under its new framework. Here is what it
  means for customers.
The first licenses have been granted under {region}'s crypto rules.
@lead.4
{regulator_cap} has granted the first licenses under its new framework for crypto service
  providers.
@detail.4
{exchange} was among the first firms to receive a license, according to the public register.
Dozens of applications are still under review, the regulator said.
Firms without a license will have to stop serving local customers when the transition period
  ends.
The regulator said it rejected several applications that did not meet its standards.
@lead2.1
The measures are expected to take effect {deadline}.
Officials said the aim is to protect consumers while allowing responsible innovation.
@lead2.2
The new rules take effect {deadline}.
The move follows months of discussion with industry groups and consumer advocates.
@lead2.3
The law is expected to take effect {deadline} if it passes its remaining votes.
Supporters said the bill would protect consumers while allowing responsible innovation.
@lead2.4
The regulator said it expects to decide on the remaining applications {deadline}.
Officials said the aim is to protect consumers while allowing responsible innovation.
@subhead
What changes
How the industry reacted
Next steps
@analysis
Lawyers at {law_firm} said the approach is broadly in line with international standards but
  goes further in some areas, particularly custody.
Industry groups welcomed the clarity but warned that some requirements could be costly for
  smaller firms.
Consumer groups said the measures are overdue, pointing to losses suffered by retail investors
  in recent years.
The approach will be compared closely with frameworks in other major markets.
@quote
Clarity is what the industry has been asking for. The details will determine whether this works
  in practice.
Rules like these separate serious businesses from the rest, and that is good for everyone.
@detail
The measures apply to companies serving customers in {region}, regardless of where they are
  based.
Supervisors said they had consulted with other regulators to keep the approach consistent with
  international standards.
@analysis
Some firms may choose to leave the market rather than meet the new requirements, lawyers said.
Clear rules could encourage traditional financial institutions to offer crypto services.
""",
    "defi_governance": """
@headline.1
{protocol} token holders approve fee switch in governance vote
{protocol} votes to share trading fees with {ptoken} stakers
@excerpt.1
Holders of {ptoken}, the governance token of {protocol}, voted to share part of the protocol's
  fees with stakers.
{protocol} is changing how it shares its revenue. Here is what the vote means.
@lead.1
Holders of {ptoken}, the governance token of {protocol}, have approved a proposal to direct part
  of the protocol's trading fees to token holders who stake.
@lead2.1
The vote passed with a large majority, although turnout was modest.
The change will take effect after a waiting period built into the protocol's contracts.
@detail.1
Supporters said the change would reward long-term holders and make the token more attractive.
Critics argued that the protocol should keep its revenue to fund development and security.
Lawyers have warned that sharing revenue with token holders could raise questions about whether
  the tokens are securities.
@tags.1
Governance
@headline.2
{protocol} launches on {network} with {amount} in early deposits
New lending protocol {protocol} goes live on {network}
@excerpt.2
{protocol}, a new lending protocol, attracted about {amount} in deposits in its first week on
  {network}.
A new DeFi lender has launched on {network}. Here is how it works.
@lead.2
{protocol}, a decentralized lending protocol, has launched on {network} and attracted about
  {amount} in deposits in its first week.
@lead2.2
Users can deposit {coin} and stablecoins to earn interest or borrow against them.
The launch was preceded by months of testing and a public audit contest.
@detail.2
The protocol's smart contracts were reviewed by two independent auditors before launch.
Deposit limits will be raised gradually as the protocol proves itself, the team said.
Interest rates adjust automatically with demand, rising when most deposits are borrowed.
@tags.2
Lending
@headline.3
{protocol} proposes buyback program for {ptoken} token
{protocol} community weighs {ptoken} buybacks funded by protocol revenue
@excerpt.3
The team behind {protocol} wants to use part of its revenue to buy back {ptoken} tokens.
A buyback proposal is up for debate at {protocol}.
@lead.3
The team behind {protocol} has proposed using part of the protocol's revenue to buy back {ptoken}
  tokens on the open market.
@lead2.3
The proposal was published on the project's governance forum after weeks of discussion.
{ptoken} rose after the proposal was published.
@detail.3
Supporters said buybacks would link the token's value more closely to the protocol's success.
Critics argued that the protocol should keep its revenue to fund development and security.
The proposal would cap buybacks at a share of monthly revenue.
@tags.3
Governance
@headline.4
{protocol} votes to add tokenized treasuries as collateral
{protocol} opens lending to tokenized Treasury bills
@excerpt.4
{protocol} will accept tokenized U.S. Treasury bills as collateral, a step toward bringing
  traditional assets into DeFi.
A DeFi lender is adding real-world assets. Here is why it matters.
@lead.4
{protocol} token holders voted to accept tokenized U.S. Treasury bills as collateral, a move
  that could bring new kinds of borrowers to the platform.
@lead2.4
The vote passed with a large majority, although turnout was modest.
The change will apply initially to a small number of approved products.
@detail.4
Tokenized treasuries give borrowers a yield-bearing form of collateral that does not swing like
  crypto.
Only tokens from issuers that pass a risk review will be accepted, and with conservative limits.
Supporters said the change would attract institutional users.
@tags.4
Real-World Assets
@detail
Governance votes in DeFi are weighted by token holdings, which gives large holders considerable
  influence.
Delegates, who vote on behalf of other token holders, play a growing role in major protocols.
@subhead
What changes
Governance in practice
@analysis
Analysts at {firm} said revenue sharing has become a major theme as DeFi protocols mature.
Low turnout in governance votes remains a common problem across DeFi.
The decision is likely to be studied by other protocols considering similar changes.
@quote
Token holders want a share of the value the protocol creates. This gives them that.
Governance is slow and messy, but it is how these decisions should be made.
@detail
Proposals in major protocols typically go through a discussion phase on forums before a formal
  vote.
Smart contracts enforce the outcome of votes automatically after a delay, giving users time to
  react.
Large holders, including venture firms and the protocol's founders, often hold significant
  voting power.
@analysis
Some protocols have experimented with limiting the voting power of the largest holders.
Regulators are paying closer attention to how decentralized governance works in practice.
""",
    "nft_launch": """
@headline.1
{studio} launches {collection} collection on {network}
{studio} debuts generative art series {collection}
@excerpt.1
{studio} has released {collection}, a collection of digital artworks issued as NFTs on
  {network}.
A new NFT art project has launched. Here is what buyers get.
@lead.1
{studio}, a digital art studio, has launched {collection}, a collection of generative artworks
  issued as non-fungible tokens on {network}.
@lead2.1
Items were priced at {floor} each.
The project drew interest from both crypto collectors and traditional art buyers.
@headline.2
{marketplace} introduces creator royalties for new collections
{marketplace} makes royalties mandatory on new NFT collections
@excerpt.2
{marketplace} will enforce royalty payments to artists on new collections, reversing a trend
  toward optional fees.
Artists get a win as an NFT marketplace brings back royalties.
@lead.2
{marketplace}, an NFT marketplace, said it would enforce royalties for creators on new
  collections, reversing a trend toward optional payments.
@lead2.2
The change applies to collections launched after the announcement.
Artists and studios, including {studio}, welcomed the decision.
@detail.2
Royalties give artists a share of every resale, a feature that many creators see as one of the
  main benefits of NFTs.
Several marketplaces made royalties optional in recent years to compete for traders.
Enforcement relies on smart contracts that block sales on platforms that do not pay royalties.
@headline.3
{collection} sells out in minutes as {studio} debuts generative art
Collectors snap up {studio}'s {collection} within minutes
@excerpt.3
The first edition of {collection} sold out shortly after release. Here is what buyers got.
A new collection from {studio} sold out almost immediately.
@lead.3
The first edition of {collection}, a collection from {studio}, sold out within minutes of its
  release.
@lead2.3
Items were priced at {floor} each.
Resale prices on {marketplace} rose above the mint price within hours.
@headline.4
Museum partners with {studio} to issue NFT tickets
{studio} turns museum admission into collectible NFTs
@excerpt.4
A museum will issue admission tickets as NFTs that double as digital collectibles, designed by
  {studio}.
NFT tickets are coming to a museum. Here is how they work.
@lead.4
{studio} has partnered with a museum to issue admission tickets as NFTs that double as digital
  collectibles.
@lead2.4
Visitors can claim their ticket without a crypto wallet, using an e-mail address.
The tickets will be issued on {network}, where fees are low.
@detail.4
Each ticket carries an artwork that changes with the exhibition the visitor attended.
Holders will receive discounts on future exhibitions, the museum said.
@detail
Generative art uses algorithms to create unique variations, with the final output determined
  when each token is minted.
Holders will receive access to exhibitions and future releases, the studio said.
The artworks are stored with decentralized file storage so they remain available if the studio
  closes.
Low fees on {network} make it practical to issue NFTs without high costs for buyers.
@subhead
About the project
What buyers get
@analysis
Analysts at {firm} said launches from established artists have performed better than anonymous
  projects.
Practical uses such as ticketing and memberships are helping NFTs reach people outside the
  crypto world.
Secondary trading will show whether demand holds after the initial sale.
@quote
We wanted the art to come first and the technology to stay in the background.
Royalties are how artists make a living. Marketplaces should respect them.
@speaker
{executive}, founder of {studio}
@speaker.2
{executive}, head of product at {marketplace}
@detail
Buyers can view the artworks in their wallets or on the studio's website.
The studio said part of the proceeds would fund future exhibitions and grants for artists.
The project was announced several weeks before the sale, building a waiting list of collectors.
@analysis
Art-focused projects have been less affected by the downturn than speculative collections.
Some galleries now exhibit NFT art alongside traditional works.
""",
    "adoption": """
@headline.1
{company_cap} starts accepting {coin} payments
{company_cap} adds crypto payments for customers in {region}
Crypto payments climb as {company} integrates stablecoin checkout
@excerpt.1
{company_cap}, {company_desc}, will let customers pay with {coin} and stablecoins through a
  payment processor.
Another business is adding crypto payments. Here is how it works.
@lead.1
{company_cap}, {company_desc}, said it will accept {coin} and dollar-backed stablecoins as
  payment, using a processor that converts them into local currency.
{company_cap}, {company_desc}, has added crypto payments at checkout for customers in {region},
  citing demand from younger shoppers.
@lead2.1
The rollout will start with online orders and extend to physical locations later.
The company did not say how much of its revenue it expects to come from crypto payments.
@detail.1
Payment processors handle the conversion and carry the price risk, so merchants receive their
  usual currency.
Fees for crypto payments are often lower than card fees, which can appeal to merchants with thin
  margins.
Tax rules in some countries treat spending crypto as a sale, which can discourage consumers from
  using it.
@headline.2
{company_cap} pilots blockchain payroll for contractors
{company_cap} pays overseas contractors in stablecoins
@excerpt.2
{company_cap} is paying some overseas contractors in stablecoins, saying it is faster and
  cheaper than bank wires.
A company is moving part of its payroll onto a blockchain. Here is why.
@lead.2
{company_cap}, {company_desc}, is paying some overseas contractors in stablecoins, saying the
  transfers arrive faster and cost less than bank wires.
@lead2.2
Contractors can choose whether to receive stablecoins or local currency.
The pilot covers a few hundred contractors in several countries.
@detail.2
Contractors in countries with volatile currencies have been among the most interested, the
  company said.
A payroll provider handles tax reporting and identity checks.
Transfers settle within minutes, regardless of banking hours or holidays.
@tags.2
Stablecoins
@detail
Stablecoins have become the most popular option for crypto payments because their value does
  not swing like other tokens.
Cross-border payments are a particular strength, as stablecoin transfers settle in minutes
  regardless of banking hours.
Executives said the move was driven by customer requests.
@subhead
How the payments work
Who is paying with crypto
Adoption beyond speculation
@analysis
Analysts at {firm} said business adoption has grown steadily, helped by better payment tools and
  clearer rules.
Consumer use of crypto for everyday purchases remains small compared with cards and bank
  transfers.
Business-to-business payments may prove a bigger market than retail checkout.
@quote
Our customers asked for it, and the technology is finally simple enough to offer.
Stablecoins make crypto payments practical. Nobody wants to pay with an asset that moves ten
  percent in a day.
@speaker
{executive}, {executive_role} of {company}
@detail
Customers will need a compatible wallet to pay, and will see the amount in local currency before
  confirming.
The company said it would review the service after six months.
@analysis
Clearer rules in major markets have made companies more willing to experiment with crypto.
Some firms have dropped crypto payments after finding little demand, a reminder that adoption
  is uneven.
""",
    "tokenization": """
@headline.1
{fund} launches tokenized money market fund on {network}
{fund} brings a money market fund on-chain
@excerpt.1
{fund} has launched a money market fund whose shares are issued as tokens on {network}.
Traditional assets keep moving on-chain. Here is what the latest launch involves.
@lead.1
{fund} has launched a money market fund whose shares are recorded as tokens on {network},
  letting investors hold and transfer them like other digital assets.
@lead2.1
The product is available to qualified investors.
The fund invests in short-term government debt and pays a daily yield.
@headline.2
Tokenized treasuries pass {amount} as {fund} expands on-chain fund
Tokenized Treasury market grows past {amount}
@excerpt.2
The value of tokenized U.S. Treasury products has passed {amount}. Here is who is buying.
On-chain Treasury funds keep growing.
@lead.2
The value of tokenized U.S. Treasury products has passed {amount}, according to industry data,
  with {fund} among the largest issuers.
@lead2.2
Much of the demand comes from crypto firms looking for a safe place to hold cash.
Most of the products run on {network} and other public networks.
@headline.3
Banks in {region} test tokenized bond settlement
Lenders in {region} settle tokenized bonds on a shared ledger
@excerpt.3
A group of banks in {region} settled tokenized bonds against digital cash in a pilot.
Banks are testing bond settlement on a blockchain. Here is what they found.
@lead.3
A group of banks in {region} has completed a test in which tokenized bonds were settled against
  digital cash on a shared ledger.
@lead2.3
The project is part of a broader push by financial institutions to modernize settlement.
The banks said the trades settled in seconds rather than days.
@headline.4
{company_cap} tokenizes real estate portfolio on {network}
{company_cap} offers digital shares in its property portfolio
@excerpt.4
{company_cap} has issued digital shares in part of its property portfolio on {network}.
Real estate is moving on-chain. Here is what investors get.
@lead.4
{company_cap}, {company_desc}, has tokenized part of its real estate portfolio, issuing digital
  shares on {network}.
@lead2.4
The product is available to qualified investors.
Rental income will be paid out to token holders each quarter.
@detail
Tokenization promises faster settlement, around-the-clock transfers and lower costs for
  back-office work.
The underlying assets are held by a regulated custodian, while the blockchain records who owns
  the shares.
Tokenized funds can be used as collateral in decentralized finance, a feature that has attracted
  crypto-native investors.
Legal questions remain about how token ownership is recognized in different jurisdictions.
Most tokenized products so far run on public blockchains with permission controls that limit who
  can hold them.
@subhead
Why tokenization is gaining ground
The plumbing behind it
@analysis
Analysts at {firm} said tokenization could eventually cover trillions of dollars in assets,
  although progress has been slower than early forecasts.
The growth of tokenized treasuries shows demand for safe, yield-bearing assets on-chain.
Interoperability between networks and with traditional systems remains a key hurdle.
@quote
Settlement that takes days should take minutes. That is the promise, and it is starting to show
  up.
Tokenization is not about crypto. It is about better infrastructure for ordinary assets.
@speaker.1
{executive}, head of digital assets at {fund}
@speaker.2
{executive}, head of digital assets at {fund}
@speaker.3
{executive}, head of digital assets at one of the participating banks
@speaker.4
{executive}, {executive_role} of {company}
@detail
Transfers of tokenized shares are recorded on the blockchain within seconds, compared with days
  for traditional settlement.
Investors must pass identity checks before they can hold the tokens.
@analysis
Large asset managers see tokenization as a way to reach new investors and lower costs.
Regulators are studying how existing rules apply to tokenized versions of traditional assets.
""",
    "enterprise": """
@headline.1
{company_cap} moves supply chain tracking to {network}
{company_cap} launches blockchain service for logistics
@excerpt.1
{company_cap}, {company_desc}, will track shipments on {network}. Here is why businesses are
  turning to public blockchains.
Enterprises keep experimenting with blockchains. Here is the latest project.
@lead.1
{company_cap}, {company_desc}, said it will record shipment data on {network}, letting partners
  verify where goods come from.
{company_cap}, {company_desc}, has launched a blockchain service for logistics companies, built
  on {network}.
@lead2.1
The project will start with a small number of partners and expand over the next year.
The company said the system had completed several months of testing.
@headline.2
Banks join {network}-based network for cross-border payments
Lenders test cross-border payments on {network}
@excerpt.2
A group of banks has joined a payment network built on {network} to speed up transfers.
Banks are trying public blockchains for payments. Here is the latest project.
@lead.2
A group of banks has joined a payment network built on {network}, aiming to speed up
  cross-border transfers.
@lead2.2
The network will initially handle payments between the banks' corporate clients.
The banks said the system had completed several months of testing.
@headline.3
Interoperability protocol connects {network} with bank ledgers in pilot
Pilot links {network} to bank systems for token transfers
@excerpt.3
A pilot has connected {network} with bank ledgers, letting tokens move between them.
Public and private ledgers are starting to talk to each other.
@lead.3
A pilot has connected {network} with bank ledgers using an interoperability protocol, allowing
  tokens to move between them.
@lead2.3
The pilot involved several banks and a market infrastructure provider.
The participants said they plan to publish their findings.
@detail
Shared ledgers let companies that do not fully trust each other work from the same records.
Sensitive business data is kept off-chain, with only fingerprints of documents recorded on the
  network.
Public blockchains have become more attractive to businesses as fees have fallen and privacy
  tools have improved.
Integration with existing systems is often the hardest part of enterprise blockchain projects.
Several earlier industry consortia were wound down after failing to attract enough members.
@subhead
Why businesses want a shared ledger
From pilot to production
@analysis
Analysts at {firm} said enterprise projects have become more practical, focusing on specific
  problems rather than broad promises.
Using a public network rather than a private one gives projects broader reach but raises
  questions about privacy.
Success will be measured by whether the system moves beyond a pilot.
@quote
We are not doing blockchain for its own sake. We are doing it because it saves us time.
The value comes from the network of partners, not the technology alone.
@speaker.1
{executive}, {executive_role} of {company}
@speaker.2
{executive}, head of innovation at one of the participating banks
@speaker.3
{executive}, head of innovation at one of the participating banks
@detail
The system uses smart contracts to automate steps that previously required manual checks.
Partners can access the shared records through existing software, without running their own
  nodes.
@analysis
Enterprise blockchain projects have a mixed record, with many pilots never reaching production.
Costs have fallen as public networks have become cheaper to use.
""",
}
