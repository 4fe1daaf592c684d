import lxml.etree
