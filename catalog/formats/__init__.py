"""Readers of the catalog layouts shops export: Shopify's product CSV (`shopify`), Google
Merchant feeds (`merchant`, over `tabular` and `xml_feed`), the fashion styles table
(`styles`) and this project's own fields (`own`); `common` holds what they share (prices,
vocabulary mapping, HTML to text, the build report).
"""
