<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-to-html.xsl: one TEI letter as an HTML page, in XSLT 1.0.

  The twin of `teikit export html` for the XML toolchain: xsltproc runs it,
  and a browser applies it to TEI that carries
    <?xml-stylesheet type="text/xsl" href="tei-to-html.xsl"?>
  (the xml-stylesheet option of `teikit export html` writes such copies and this file).
  The page uses the same classes as teikit's pages and links `teikit.css`:
  a metadata block from correspDesc, the text, names linked to the index
  pages (`persons.html#id`, ...) with their kind as a class, dates as
  <time>, notes as numbered footnotes with back-links, choice with the
  source's reading on hover. Elements without a rule become a div (blocks)
  or span with the TEI name as class, so no text is lost.
  The output is XHTML (XML syntax), which browsers and XML tools both read.

  Usage: xsltproc xsl/tei-to-html.xsl letter.xml > letter.html
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:exsl="http://exslt.org/common"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="tei exsl">

  <xsl:output method="xml" encoding="UTF-8" indent="no" omit-xml-declaration="yes"
      doctype-system="about:legacy-compat"/>

  <xsl:param name="css" select="'teikit.css'"/>

  <!-- Footnotes: the outermost notes outside the header. -->
  <xsl:variable name="notes" select="//tei:note[not(ancestor::tei:teiHeader or ancestor::tei:note)]"/>
  <xsl:variable name="numbers-tree">
    <xsl:for-each select="$notes">
      <n id="{generate-id()}"><xsl:value-of select="position()"/></n>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="numbers" select="exsl:node-set($numbers-tree)"/>
  <xsl:key name="number" match="*[local-name() = 'n']" use="@id"/>

  <xsl:variable name="title">
    <xsl:variable name="t" select="(//tei:titleStmt/tei:title[not(@type) or @type = 'main'])[1]"/>
    <xsl:choose>
      <xsl:when test="normalize-space($t)"><xsl:value-of select="normalize-space($t)"/></xsl:when>
      <xsl:otherwise>TEI document</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/></title>
        <link rel="stylesheet" href="{$css}"/>
      </head>
      <body>
        <main>
          <article class="letter">
            <h1><xsl:value-of select="$title"/></h1>
            <xsl:apply-templates select="(//tei:correspDesc)[1]" mode="meta"/>
            <div class="text">
              <xsl:apply-templates/>
            </div>
            <xsl:if test="$notes">
              <section class="notes">
                <h2>Notes</h2>
                <ol>
                  <xsl:for-each select="$notes">
                    <li id="note-{position()}">
                      <xsl:apply-templates/>
                      <xsl:text> </xsl:text>
                      <a class="back" href="#noteref-{position()}">&#8617;</a>
                    </li>
                  </xsl:for-each>
                </ol>
              </section>
            </xsl:if>
          </article>
        </main>
      </body>
    </html>
  </xsl:template>

  <!-- The metadata block -->
  <xsl:template match="tei:correspDesc" mode="meta">
    <xsl:variable name="sent" select="tei:correspAction[@type = 'sent']"/>
    <xsl:variable name="received" select="tei:correspAction[@type = 'received']"/>
    <dl class="correspondence">
      <xsl:call-template name="meta-row">
        <xsl:with-param name="label" select="'From'"/>
        <xsl:with-param name="items" select="$sent/tei:persName | $sent/tei:orgName | $sent/tei:name"/>
      </xsl:call-template>
      <xsl:call-template name="meta-row">
        <xsl:with-param name="label" select="'To'"/>
        <xsl:with-param name="items" select="$received/tei:persName | $received/tei:orgName | $received/tei:name"/>
      </xsl:call-template>
      <xsl:call-template name="meta-row">
        <xsl:with-param name="label" select="'Place'"/>
        <xsl:with-param name="items" select="$sent/tei:placeName | $sent/tei:settlement"/>
      </xsl:call-template>
      <xsl:call-template name="meta-row">
        <xsl:with-param name="label" select="'Date'"/>
        <xsl:with-param name="items" select="$sent/tei:date[1]"/>
      </xsl:call-template>
    </dl>
  </xsl:template>

  <xsl:template name="meta-row">
    <xsl:param name="label"/>
    <xsl:param name="items"/>
    <xsl:if test="$items">
      <dt><xsl:value-of select="$label"/></dt>
      <dd>
        <xsl:for-each select="$items">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:apply-templates select="."/>
        </xsl:for-each>
      </dd>
    </xsl:if>
  </xsl:template>

  <!-- Left out -->
  <xsl:template match="tei:teiHeader | comment() | processing-instruction()"/>

  <!-- Notes -->
  <xsl:template match="tei:note">
    <xsl:variable name="id" select="generate-id()"/>
    <xsl:variable name="n">
      <xsl:for-each select="$numbers">
        <xsl:value-of select="key('number', $id)"/>
      </xsl:for-each>
    </xsl:variable>
    <sup class="noteref" id="noteref-{$n}"><a href="#note-{$n}"><xsl:value-of select="$n"/></a></sup>
  </xsl:template>

  <xsl:template match="tei:note[ancestor::tei:note]">
    <span class="tei-note inline-note"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Breaks -->
  <xsl:template match="tei:lb"><br/></xsl:template>

  <xsl:template match="tei:pb | tei:cb">
    <span class="tei-{local-name()}" title="{local-name()} {@n}">
      <xsl:if test="@n"><xsl:attribute name="data-n"><xsl:value-of select="@n"/></xsl:attribute></xsl:if>
    </span>
  </xsl:template>

  <!-- Names link to their register entry -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName">
    <xsl:variable name="kind">
      <xsl:choose>
        <xsl:when test="self::tei:persName">person</xsl:when>
        <xsl:when test="self::tei:placeName">place</xsl:when>
        <xsl:otherwise>org</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="page">
      <xsl:choose>
        <xsl:when test="self::tei:persName">persons.html</xsl:when>
        <xsl:when test="self::tei:placeName">places.html</xsl:when>
        <xsl:otherwise>orgs.html</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="ref" select="normalize-space(@ref)"/>
    <xsl:choose>
      <xsl:when test="contains($ref, '#') and not(contains(substring-before($ref, '#'), ':'))
          and not(ancestor::tei:ref[@target])">
        <a class="tei-{local-name()} {$kind}" href="{$page}#{substring-after($ref, '#')}">
          <xsl:apply-templates/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="tei-{local-name()} {$kind}"><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:date[@when]">
    <time class="tei-date" datetime="{@when}"><xsl:apply-templates/></time>
  </xsl:template>

  <!-- Editorial interventions -->
  <xsl:template match="tei:add"><ins class="tei-add"><xsl:apply-templates/></ins></xsl:template>
  <xsl:template match="tei:del"><del class="tei-del"><xsl:apply-templates/></del></xsl:template>
  <xsl:template match="tei:emph"><em class="tei-emph"><xsl:apply-templates/></em></xsl:template>
  <xsl:template match="tei:gap">
    <span class="tei-gap" title="gap {@reason}">[&#8230;]<xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:choice">
    <span class="tei-choice" title="source: {normalize-space(tei:orig | tei:sic | tei:abbr)}">
      <xsl:apply-templates/>
    </span>
  </xsl:template>
  <xsl:template match="tei:ref[starts-with(@target, 'http')]">
    <a class="tei-ref" href="{@target}"><xsl:apply-templates/></a>
  </xsl:template>

  <!-- Paragraph-like blocks and headings -->
  <xsl:template match="tei:p | tei:dateline | tei:salute | tei:signed">
    <p class="tei-{local-name()}"><xsl:apply-templates/></p>
  </xsl:template>
  <xsl:template match="tei:head">
    <h2 class="tei-head"><xsl:apply-templates/></h2>
  </xsl:template>

  <!-- Blocks (the list of src/export/vocab.rs) and containers -->
  <xsl:template match="tei:TEI | tei:teiCorpus | tei:ab | tei:addrLine | tei:address
      | tei:argument | tei:back | tei:body | tei:byline | tei:castGroup | tei:castItem
      | tei:castList | tei:cell | tei:closer | tei:div | tei:div1 | tei:div2 | tei:div3
      | tei:div4 | tei:div5 | tei:div6 | tei:div7 | tei:docAuthor | tei:docDate
      | tei:docImprint | tei:docTitle | tei:epigraph | tei:figure | tei:floatingText
      | tei:front | tei:group | tei:item | tei:l | tei:lg | tei:list | tei:listBibl
      | tei:opener | tei:postscript | tei:row | tei:set | tei:sp | tei:speaker | tei:stage
      | tei:table | tei:text | tei:titlePage | tei:titlePart | tei:trailer | tei:u">
    <div class="tei-{local-name()}{substring(concat(' type-', @type), 1, 6 * number(boolean(@type)) + string-length(@type) * number(boolean(@type)))}">
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- Everything else: a span named after the element -->
  <xsl:template match="*">
    <span class="tei-{local-name()}{substring(concat(' rend-', translate(@rend, ' ', '-')), 1, 6 * number(boolean(@rend)) + string-length(@rend) * number(boolean(@rend)))}">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

</xsl:stylesheet>
