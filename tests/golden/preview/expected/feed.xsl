<?xml version="1.0" encoding="UTF-8"?>
<!--
  feed.xsl: shows an RSS 2.0 or Atom 1.0 feed written by relfeed as a page
  when it is opened in a browser. XSLT 1.0, no script, nothing loaded from
  elsewhere. Feed readers ignore it.

  Summaries are shown as text: relfeed writes an RSS description as text
  escaped for HTML, which the "unescape" template below undoes, and an Atom
  summary as plain text. The full HTML content is not shown: it would need
  disable-output-escaping, which not every browser honours.

  relfeed also uses the CSS of the style element below for its preview page
  (index.html), so the two look alike.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">

  <xsl:output method="html" encoding="UTF-8" indent="yes"
      doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <html>
      <xsl:variable name="lang"
          select="rss/channel/language | atom:feed/@xml:lang"/>
      <xsl:if test="$lang">
        <xsl:attribute name="lang"><xsl:value-of select="$lang"/></xsl:attribute>
      </xsl:if>
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>
          <xsl:value-of select="rss/channel/title | atom:feed/atom:title"/>
        </title>
        <style>
body { margin: 0; background: #f5f6f8; color: #1f2328;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.page { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: 1rem 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .75rem; padding-bottom: .3rem;
  border-bottom: 1px solid #d0d7de; }
h3 { font-size: 1.1rem; margin: .1rem 0 .25rem; }
h3 a { text-decoration: none; }
h3 a:hover { text-decoration: underline; }
a { color: #0a5fc4; }
a:hover { color: #06408a; }
code { font: .85em/1.4 ui-monospace, "DejaVu Sans Mono", monospace;
  overflow-wrap: anywhere; }
.description { color: #4b535c; font-size: 1.1rem; margin: 0; }
.note { margin: 0; padding: .6rem .9rem; border: 1px solid #e6c960;
  border-radius: 6px; background: #fff8d6; }
p.note code { display: block; margin-top: .2rem; }
.entries { list-style: none; margin: 0; padding: 0; }
.entries li { margin: 0 0 .6rem; padding: .7rem 1rem; background: #fff;
  border: 1px solid #d8dee4; border-radius: 8px; }
.entries .date { color: #59636e; font-size: .875rem; }
.entries p { margin: 0; color: #32383f; }
table { width: 100%; border-collapse: collapse; background: #fff;
  border: 1px solid #d8dee4; }
.note p { margin: 0; }
.urls { list-style: none; margin: .35rem 0 0; padding: 0; }
.urls a { display: inline-block; min-width: 7.5rem; }
.scroll { overflow-x: auto; }
table { font-size: .9rem; }
th, td { padding: .35rem .7rem; text-align: left; vertical-align: top;
  border-bottom: 1px solid #e4e8ec; }
th { background: #eef1f4; }
td a, td code { white-space: nowrap; }
td.feed { font-weight: 600; }
td.feed small { font-weight: normal; color: #59636e; }
        </style>
      </head>
      <body>
        <div class="page">
          <xsl:apply-templates select="rss/channel | atom:feed"/>
        </div>
      </body>
    </html>
  </xsl:template>

  <!-- The page's header: the note, the title and the description. -->
  <xsl:template name="header">
    <xsl:param name="title"/>
    <xsl:param name="description"/>
    <xsl:param name="self"/>
    <p class="note">
      <strong>This is a feed:</strong>
      <xsl:text> copy its URL into your reader to subscribe.</xsl:text>
      <xsl:if test="$self">
        <code><xsl:value-of select="$self"/></code>
      </xsl:if>
    </p>
    <h1><xsl:value-of select="$title"/></h1>
    <xsl:if test="string($description) != string($title)">
      <p class="description"><xsl:value-of select="$description"/></p>
    </xsl:if>
  </xsl:template>

  <!-- One entry: its date, its title linked, its summary as text. -->
  <xsl:template name="entry">
    <xsl:param name="date"/>
    <xsl:param name="title"/>
    <xsl:param name="link"/>
    <xsl:param name="summary"/>
    <li>
      <xsl:if test="$date != ''">
        <span class="date"><xsl:value-of select="$date"/></span>
      </xsl:if>
      <h3>
        <xsl:choose>
          <xsl:when test="$link != ''">
            <a href="{$link}"><xsl:value-of select="$title"/></a>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$title"/></xsl:otherwise>
        </xsl:choose>
      </h3>
      <xsl:if test="$summary != ''">
        <p><xsl:value-of select="$summary"/></p>
      </xsl:if>
    </li>
  </xsl:template>

  <xsl:template match="rss/channel">
    <xsl:variable name="description">
      <xsl:call-template name="unescape">
        <xsl:with-param name="s" select="description"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:call-template name="header">
      <xsl:with-param name="title" select="title"/>
      <xsl:with-param name="description" select="$description"/>
      <xsl:with-param name="self" select="atom:link[@rel = 'self']/@href"/>
    </xsl:call-template>
    <div>
      <h2>Entries</h2>
      <ol class="entries">
        <xsl:for-each select="item">
          <xsl:call-template name="entry">
            <xsl:with-param name="date">
              <xsl:call-template name="rfc822-date">
                <xsl:with-param name="d" select="normalize-space(pubDate)"/>
              </xsl:call-template>
            </xsl:with-param>
            <xsl:with-param name="title" select="title"/>
            <xsl:with-param name="link" select="link"/>
            <xsl:with-param name="summary">
              <xsl:call-template name="unescape">
                <xsl:with-param name="s" select="description"/>
              </xsl:call-template>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:for-each>
      </ol>
    </div>
  </xsl:template>

  <xsl:template match="atom:feed">
    <xsl:call-template name="header">
      <xsl:with-param name="title" select="atom:title"/>
      <xsl:with-param name="description" select="atom:subtitle"/>
      <xsl:with-param name="self" select="atom:link[@rel = 'self']/@href"/>
    </xsl:call-template>
    <div>
      <h2>Entries</h2>
      <ol class="entries">
        <xsl:for-each select="atom:entry">
          <xsl:call-template name="entry">
            <xsl:with-param name="date">
              <xsl:choose>
                <xsl:when test="atom:published">
                  <xsl:value-of select="substring(atom:published, 1, 10)"/>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:value-of select="substring(atom:updated, 1, 10)"/>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
            <xsl:with-param name="title" select="atom:title"/>
            <xsl:with-param name="link" select="(atom:link[@rel = 'alternate'
                or not(@rel)])[1]/@href"/>
            <xsl:with-param name="summary" select="atom:summary"/>
          </xsl:call-template>
        </xsl:for-each>
      </ol>
    </div>
  </xsl:template>

  <!-- "Tue, 15 Sep 2026 00:00:00 +0000" as 2026-09-15, the form relfeed
       writes (RFC 822 with a four-digit year); anything else as it is. -->
  <xsl:template name="rfc822-date">
    <xsl:param name="d"/>
    <xsl:variable name="months" select="'JanFebMarAprMayJunJulAugSepOctNovDec'"/>
    <xsl:variable name="mon" select="substring($d, 9, 3)"/>
    <xsl:choose>
      <xsl:when test="substring($d, 4, 2) = ', '
          and string-length($mon) = 3 and contains($months, $mon)">
        <xsl:value-of select="concat(substring($d, 13, 4), '-',
            format-number(string-length(substring-before($months, $mon))
            div 3 + 1, '00'), '-', substring($d, 6, 2))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$d"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Text escaped for HTML back to text: the five references relfeed
       writes (&amp; &lt; &gt; &quot; &#39;), one at a time from the left,
       so "&amp;lt;" comes out as "&lt;". -->
  <xsl:template name="unescape">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '&amp;')">
        <xsl:variable name="rest" select="substring-after($s, '&amp;')"/>
        <xsl:value-of select="substring-before($s, '&amp;')"/>
        <xsl:choose>
          <xsl:when test="starts-with($rest, 'amp;')">&amp;</xsl:when>
          <xsl:when test="starts-with($rest, 'lt;')">&lt;</xsl:when>
          <xsl:when test="starts-with($rest, 'gt;')">&gt;</xsl:when>
          <xsl:when test="starts-with($rest, 'quot;')">"</xsl:when>
          <xsl:when test="starts-with($rest, '#39;')">'</xsl:when>
          <xsl:otherwise>&amp;</xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="unescape">
          <xsl:with-param name="s">
            <xsl:choose>
              <xsl:when test="starts-with($rest, 'amp;')
                  or starts-with($rest, '#39;')">
                <xsl:value-of select="substring($rest, 5)"/>
              </xsl:when>
              <xsl:when test="starts-with($rest, 'lt;')
                  or starts-with($rest, 'gt;')">
                <xsl:value-of select="substring($rest, 4)"/>
              </xsl:when>
              <xsl:when test="starts-with($rest, 'quot;')">
                <xsl:value-of select="substring($rest, 6)"/>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="$rest"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
