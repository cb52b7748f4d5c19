<?xml version="1.0" encoding="UTF-8"?>
<!--
  tei-to-text.xsl: the reading text of a TEI document, in XSLT 1.0.

  The twin of `teikit export text`; both follow the same rules, and a test
  checks that their outputs agree (white space normalised) on a corpus:
  - the teiHeader is left out;
  - each block element starts and ends a paragraph (a blank line); inline
    markup adds nothing;
  - deletions (del) are left out;
  - lb, pb and cb are a space unless @break="no", where the word goes on
    and the white space around the break goes;
  - a note leaves a marker [N] and its text follows the reading text as
    "[N] ...", numbered in document order;
  - a choice gives one reading: parameter `reading` = "reg" (default: reg,
    expan, corr) or "orig" (orig, abbr, sic).
  Keep the list of blocks (in the block template and in the run templates)
  in step with src/export/vocab.rs.

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
    <xsl:variable name="join-before"><xsl:apply-templates select="." mode="joined-before"/></xsl:variable>
    <xsl:variable name="join-after"><xsl:apply-templates select="." mode="joined-after"/></xsl:variable>
    <xsl:if test="not(@break = 'no') and $join-before = '' and $join-after = ''">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- A run of breaks (lb, pb, cb), white space and deletions (which the
       reading text leaves out) is no word boundary when
       one of its breaks has @break="no": the word goes on, and the run's
       white space and other breaks, the source's layout, go. "Content" is
       anything else; a run lies between two content siblings. -->
  <!-- Where a node has no sibling on that side, the run goes on outside
       its parent, unless the parent is a block (the list of the block
       template below) or a note. -->
  <xsl:template match="node()" mode="joined-before">
    <xsl:choose>
      <xsl:when test="preceding-sibling::node()">
        <xsl:apply-templates select="preceding-sibling::node()[1]" mode="run-back"/>
      </xsl:when>
      <xsl:when test="parent::tei:*[not(
          self::tei:ab or self::tei:addrLine or self::tei:address or self::tei:argument or
          self::tei:back or self::tei:body or self::tei:byline or self::tei:castGroup or
          self::tei:castItem or self::tei:castList or self::tei:cell or self::tei:closer or
          self::tei:dateline or self::tei:div or self::tei:div1 or self::tei:div2 or
          self::tei:div3 or self::tei:div4 or self::tei:div5 or self::tei:div6 or
          self::tei:div7 or self::tei:docAuthor or self::tei:docDate or
          self::tei:docImprint or self::tei:docTitle or self::tei:epigraph or
          self::tei:figure or self::tei:floatingText or self::tei:front or
          self::tei:group or self::tei:head or self::tei:item or self::tei:l or
          self::tei:lg or self::tei:list or self::tei:listBibl or self::tei:opener or
          self::tei:p or self::tei:postscript or self::tei:row or self::tei:salute or
          self::tei:set or self::tei:signed or self::tei:sp or self::tei:speaker or
          self::tei:stage or self::tei:table or self::tei:text or self::tei:titlePage or
          self::tei:titlePart or self::tei:trailer or self::tei:u or self::tei:note)]">
        <xsl:apply-templates select=".." mode="joined-before"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="node()" mode="joined-after">
    <xsl:choose>
      <xsl:when test="following-sibling::node()">
        <xsl:apply-templates select="following-sibling::node()[1]" mode="run-on"/>
      </xsl:when>
      <xsl:when test="parent::tei:*[not(
          self::tei:ab or self::tei:addrLine or self::tei:address or self::tei:argument or
          self::tei:back or self::tei:body or self::tei:byline or self::tei:castGroup or
          self::tei:castItem or self::tei:castList or self::tei:cell or self::tei:closer or
          self::tei:dateline or self::tei:div or self::tei:div1 or self::tei:div2 or
          self::tei:div3 or self::tei:div4 or self::tei:div5 or self::tei:div6 or
          self::tei:div7 or self::tei:docAuthor or self::tei:docDate or
          self::tei:docImprint or self::tei:docTitle or self::tei:epigraph or
          self::tei:figure or self::tei:floatingText or self::tei:front or
          self::tei:group or self::tei:head or self::tei:item or self::tei:l or
          self::tei:lg or self::tei:list or self::tei:listBibl or self::tei:opener or
          self::tei:p or self::tei:postscript or self::tei:row or self::tei:salute or
          self::tei:set or self::tei:signed or self::tei:sp or self::tei:speaker or
          self::tei:stage or self::tei:table or self::tei:text or self::tei:titlePage or
          self::tei:titlePart or self::tei:trailer or self::tei:u or self::tei:note)]">
        <xsl:apply-templates select=".." mode="joined-after"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Walking a run back or on: "1" when a break in it has @break="no". -->
  <xsl:template match="tei:lb[@break = 'no'] | tei:pb[@break = 'no'] | tei:cb[@break = 'no']"
      mode="run-back">1</xsl:template>

  <xsl:template match="tei:lb[@break = 'no'] | tei:pb[@break = 'no'] | tei:cb[@break = 'no']"
      mode="run-on">1</xsl:template>

  <xsl:template match="tei:lb | tei:pb | tei:cb | text()[normalize-space() = ''] | comment()
      | processing-instruction() | tei:del" mode="run-back" priority="0">
    <xsl:apply-templates select="preceding-sibling::node()[1]" mode="run-back"/>
  </xsl:template>

  <xsl:template match="tei:lb | tei:pb | tei:cb | text()[normalize-space() = ''] | comment()
      | processing-instruction() | tei:del" mode="run-on" priority="0">
    <xsl:apply-templates select="following-sibling::node()[1]" mode="run-on"/>
  </xsl:template>

  <xsl:template match="node()" mode="run-back"/>

  <xsl:template match="node()" mode="run-on"/>

  <xsl:template match="text()">
    <xsl:variable name="join-before"><xsl:apply-templates select="." mode="joined-before"/></xsl:variable>
    <xsl:variable name="join-after"><xsl:apply-templates select="." mode="joined-after"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$join-before = '' and $join-after = ''">
        <xsl:value-of select="."/>
      </xsl:when>
      <xsl:when test="normalize-space(.) = ''"/>
      <xsl:otherwise>
        <xsl:variable name="first" select="substring(normalize-space(.), 1, 1)"/>
        <xsl:variable name="from">
          <xsl:choose>
            <xsl:when test="$join-before = '1'">
              <xsl:value-of select="$first"/>
              <xsl:value-of select="substring-after(., $first)"/>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="$join-after = '1'">
            <xsl:call-template name="trim-end">
              <xsl:with-param name="s" select="string($from)"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$from"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="trim-end">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$s != '' and contains(' &#9;&#10;&#13;', substring($s, string-length($s)))">
        <xsl:call-template name="trim-end">
          <xsl:with-param name="s" select="substring($s, 1, string-length($s) - 1)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
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
