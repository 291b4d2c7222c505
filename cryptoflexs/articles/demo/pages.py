"""The static pages of the demo site, written for Crypto Flexs.

All five are linked from the footer in this order. DIRECTORY, SUBMIT and the contact form
are the community features' own pages (/directory/, /submit/, /contact/).
"""

CONTACT_EMAIL = "partner@cryptoflexs.com"
_MAILTO = f'<a href="mailto:{CONTACT_EMAIL}">{CONTACT_EMAIL}</a>'

ABOUT = f"""
<p>Crypto Flexs is an independent news platform covering cryptocurrencies, blockchain technology
and the people building with them. Every day we publish market reports, explainers and analysis
written for readers who want to understand what is happening in digital assets without wading
through hype.</p>
<h2>What we cover</h2>
<p>Our newsroom follows Bitcoin, Ethereum and the wider altcoin market; the exchanges where
digital assets change hands; the decentralized finance protocols that lend and trade them; and
the regulators and lawmakers deciding how the industry should be supervised. We also track
adoption: the companies, payment networks and institutions that are putting crypto to practical
use.</p>
<p>Alongside our own reporting, we bring together news from across the industry so that the
most important stories of the day are in one place.</p>
<h2>How we work</h2>
<p>We aim to be accurate, clear and fair. Prices and market data reflect conditions at the time
of writing and can change within minutes. When we get something wrong, we correct it and say
so. Sponsored content and press releases are always labeled as such, and advertisers have no
say over our editorial coverage.</p>
<p>Nothing we publish is investment advice. Crypto assets are volatile and you can lose money;
please read our <a href="/disclaimer/">Disclaimer</a> before acting on anything you read
here.</p>
<h2>Get in touch</h2>
<p>Questions, corrections and story ideas are welcome at {_MAILTO}. You can also
<a href="/submit/">send us news</a> or propose a listing for our
<a href="/directory/">crypto directory</a>.</p>
"""

CONTACT = f"""
<p>We would like to hear from you. The quickest way to reach the Crypto Flexs team is our
<a href="/contact/">contact form</a>, or e-mail at {_MAILTO}. We read every message and aim to
reply within two working days.</p>
<h2>What to write to us about</h2>
<ul>
<li><strong>Corrections:</strong> if you spot an error in one of our articles, send us the
link and tell us what is wrong. We fix mistakes quickly and note the correction.</li>
<li><strong>News tips and press releases:</strong> send them through
<a href="/submit/">Submit</a> so an editor can assess your story.</li>
<li><strong>Advertising and partnerships:</strong> tell us about your company and what you
have in mind. Paid content is always labeled on our site.</li>
<li><strong>Privacy requests:</strong> to ask what we hold about you or to have it deleted,
see our <a href="/privacy-policy/">Privacy Policy</a>.</li>
</ul>
<p>Putting the topic in the subject line helps your message reach the right editor. Include
links, screenshots or documents where they help us understand the issue, and tell us how we can
reach you if we have questions.</p>
<h2>A word of caution</h2>
<p>Crypto Flexs will never ask you for passwords, private keys, recovery phrases or payments
to a wallet, and our staff do not offer investment advice or trading services through direct
messages. If someone contacts you claiming to represent us and asks for any of these, it is a
scam: please do not respond, and let us know at the address above.</p>
"""

DISCLAIMER = f"""
<p>The content published on Crypto Flexs is provided for general information and news purposes
only. It is not financial, investment, legal or tax advice, and it is not a recommendation to
buy, sell or hold any cryptocurrency, token or other asset.</p>
<h2>Crypto investments carry high risk</h2>
<p>Cryptocurrencies and other digital assets are highly volatile. Their prices can rise or fall
sharply within minutes, and you may lose some or all of the money you invest. Digital assets
are not protected by deposit guarantee schemes in most countries, and platforms that hold them
can fail, be hacked or suspend withdrawals. Leveraged products such as futures and margin
trading can multiply losses.</p>
<p>Past performance is not a reliable indicator of future results. Price levels, forecasts and
technical analysis in our articles describe possibilities, not certainties.</p>
<h2>Do your own research</h2>
<p>Before making any financial decision, do your own research and consider seeking advice from
a qualified, independent professional who knows your circumstances. Never invest money you
cannot afford to lose.</p>
<h2>Accuracy and third parties</h2>
<p>We work hard to make our reporting accurate and up to date, but we cannot guarantee that
every figure or statement is complete, current or free from error. Articles may quote market
data, company statements and opinions of third parties, for which those parties are
responsible. Links to other websites are provided for convenience; we do not control them and
are not responsible for their content.</p>
<p>Sponsored articles and press releases are labeled. Their publication does not mean that
Crypto Flexs endorses the company, product or token they describe.</p>
<p>Questions about this disclaimer can be sent to {_MAILTO}.</p>
"""

PRIVACY = f"""
<p>This policy explains what information Crypto Flexs collects when you use this website, why,
and what choices you have. We have kept it short because we collect very little.</p>
<h2>Reading the site</h2>
<p>You can read Crypto Flexs without an account. We do not use tracking cookies, advertising
cookies or third-party analytics, and we do not load social-media widgets: our share buttons are
plain links that only contact the social network if you click them.</p>
<p>We count how many times each article is viewed so that we can show what readers find
useful. These counts are kept without personal data: we store a number per article, not who
read it, your IP address or any identifier linked to you.</p>
<p>Like any website, our servers briefly process technical information such as your IP address
and browser type in order to deliver pages and protect the site against abuse. This
information is kept only for as long as needed for those purposes.</p>
<h2>Cookies</h2>
<p>Ordinary readers receive no cookies for tracking. Forms that send information to us, such as
the comment form, may set a security cookie that protects you against cross-site request
forgery; it contains no personal data. Members of our editorial team who sign in to the back
office receive a session cookie that keeps them logged in.</p>
<h2>Comments</h2>
<p>If you post a comment, we store the name you give, your comment and your e-mail address.
Your e-mail address is used only to moderate comments and, if needed, to contact you about your
comment. It is never published, sold or shared with advertisers.</p>
<h2>E-mails you send us</h2>
<p>When you write to us, for example with a news tip or a correction, we keep your message and
address for as long as needed to deal with it and to keep a record of our correspondence.</p>
<h2>Your rights</h2>
<p>You can ask us what personal data we hold about you, ask us to correct it, or ask us to delete
it, by writing to {_MAILTO}. We will answer within one month.</p>
<p>If we change this policy, we will publish the new version on this page.</p>
"""

TERMS = f"""
<p>These terms apply to your use of the Crypto Flexs website. By using the site you agree to
them; if you do not agree, please do not use the site.</p>
<h2>Our content</h2>
<p>Articles, images and other material on Crypto Flexs are protected by copyright and belong to
Crypto Flexs or to the people who licensed them to us. You may read and share links to our
content and quote short extracts with a link to the original article. Republishing whole
articles or images requires our written permission.</p>
<p>Our content is provided for information only and is not investment advice. Please read our
<a href="/disclaimer/">Disclaimer</a>, which forms part of these terms.</p>
<h2>Content you send us</h2>
<p>When you post a comment or send us news, you confirm that you have the right to share it and
that it is not unlawful, misleading or offensive. You keep ownership of what you send, but you
give Crypto Flexs a free, non-exclusive permission to publish, edit and display it on our site
and channels.</p>
<p>We moderate comments and may edit, refuse or remove any submission at our discretion,
including spam, personal attacks, promotion of scams and undisclosed advertising.</p>
<h2>Acceptable use</h2>
<p>Do not use the site to break the law, to impersonate others, to interfere with its operation
or security, or to collect data about other users. Automated access that places an excessive
load on our servers is not permitted.</p>
<h2>Links and liability</h2>
<p>We link to other websites for convenience and are not responsible for their content or
practices. We provide the site as it is and, to the extent permitted by law, we are not liable
for losses arising from its use or from decisions made on the basis of its content.</p>
<h2>Changes</h2>
<p>We may update these terms from time to time; the version published on this page applies.
Questions can be sent to {_MAILTO}.</p>
"""

PAGES = (
    {"title": "About Us", "slug": "about-us", "body_html": ABOUT, "footer": 1},
    {"title": "Contact Us", "slug": "contact-us", "body_html": CONTACT, "footer": 2},
    {"title": "Disclaimer", "slug": "disclaimer", "body_html": DISCLAIMER, "footer": 3},
    {"title": "Privacy Policy", "slug": "privacy-policy", "body_html": PRIVACY, "footer": 4},
    {
        "title": "Terms and Conditions",
        "slug": "terms-and-conditions",
        "body_html": TERMS,
        "footer": 5,
    },
)
