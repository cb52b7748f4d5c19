<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-to-text.xsl: the reading text of a TEI document, in XSLT 1.0.

  The twin of `teikit export text`; both follow the same rules, and a test
  checks that their outputs agree (white space normalised) on a corpus:
  - the teiHeader is left out;
  - each block element starts and ends a paragraph (a blank line); inline
    markup adds nothing;
  - deletions (del) are left out;
  - lb, pb and cb are a space unless @break="no";
  - a note leaves a marker [N] and its text follows the reading text as
    "[N] ...", numbered in document order;
  - a choice gives one reading: parameter `reading` = "reg" (default: reg,
    expan, corr) or "orig" (orig, abbr, sic).
  Keep the list of blocks in step with src/export/vocab.rs.

  Usage: xsltproc [-stringparam reading orig] xsl/tei-to-text.xsl letter.xml
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="tei exsl">

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="reading" select="'reg'"/>

  <!-- The notes that are numbered: outside the header, deletions and the
       reading of a choice that is left out. -->
  <xsl:variable name="notes" select="//tei:note[not(ancestor::tei:teiHeader or ancestor::tei:del)]
      [not(ancestor::*[parent::tei:choice][
        ($reading != 'orig' and (self::tei:orig or self::tei:abbr or self::tei:sic)) or
        ($reading = 'orig' and (self::tei:reg or self::tei:expan or self::tei:corr))])]"/>

  <!-- Note numbers by generated id, looked up with a key (linear time). -->
  <xsl:variable name="numbers-tree">
    <xsl:for-each select="$notes">
      <n id="{generate-id()}"><xsl:value-of select="position()"/></n>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="numbers" select="exsl:node-set($numbers-tree)"/>
  <xsl:key name="number" match="n" use="@id"/>

  <xsl:template match="/">
    <xsl:apply-templates/>
    <xsl:if test="$notes">
      <xsl:text>&#10;&#10;</xsl:text>
      <xsl:for-each select="$notes">
        <xsl:text>[</xsl:text>
        <xsl:value-of select="position()"/>
        <xsl:text>] </xsl:text>
        <xsl:apply-templates/>
        <xsl:text>&#10;</xsl:text>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:teiHeader | tei:del"/>

  <xsl:template match="tei:note">
    <xsl:variable name="id" select="generate-id()"/>
    <xsl:text>[</xsl:text>
    <xsl:for-each select="$numbers">
      <xsl:value-of select="key('number', $id)"/>
    </xsl:for-each>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="tei:choice/tei:orig | tei:choice/tei:abbr | tei:choice/tei:sic">
    <xsl:if test="$reading = 'orig'">
      <xsl:apply-templates/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:choice/tei:reg | tei:choice/tei:expan | tei:choice/tei:corr">
    <xsl:if test="$reading != 'orig'">
      <xsl:apply-templates/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:lb | tei:pb | tei:cb">
    <xsl:if test="not(@break = 'no')">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:ab | tei:addrLine | tei:address | tei:argument | tei:back
      | tei:body | tei:byline | tei:castGroup | tei:castItem | tei:castList | tei:cell
      | tei:closer | tei:dateline | tei:div | tei:div1 | tei:div2 | tei:div3 | tei:div4
      | tei:div5 | tei:div6 | tei:div7 | tei:docAuthor | tei:docDate | tei:docImprint
      | tei:docTitle | tei:epigraph | tei:figure | tei:floatingText | tei:front | tei:group
      | tei:head | tei:item | tei:l | tei:lg | tei:list | tei:listBibl | tei:opener | tei:p
      | tei:postscript | tei:row | tei:salute | tei:set | tei:signed | tei:sp | tei:speaker
      | tei:stage | tei:table | tei:text | tei:titlePage | tei:titlePart | tei:trailer | tei:u">
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:apply-templates/>
    <xsl:text>&#10;&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()"/>

</xsl:stylesheet>
